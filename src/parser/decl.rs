//! Top-level declarations: imports, functions, classes with their members, formats and
//! enums (spec 3.4–3.7, 5.5, 7.2).
//!
//! Each function here does its own recovery and returns None after an error, positioned
//! where the next item can start; none of them loops without consuming a token.

use super::{Fail, Look, PResult, Parser};
use crate::ast;
use crate::lexer::TokenKind;
use crate::source::Span;

impl Parser<'_> {
    /// One top-level item. Declarations are recognised by their keyword, a function as
    /// `type IDENT (`; anything else is a statement.
    pub(super) fn item(&mut self) -> Option<ast::Item> {
        match self.kind() {
            TokenKind::Import => self.import().map(ast::Item::Import),
            TokenKind::Class => self.class().map(ast::Item::Class),
            TokenKind::Format => self.format().map(ast::Item::Format),
            TokenKind::Enum => self.enumeration().map(ast::Item::Enum),
            _ => {
                if self.look() == Look::Function {
                    self.function().map(ast::Item::Function)
                } else {
                    self.stmt().map(|stmt| ast::Item::Stmt(*stmt))
                }
            }
        }
    }

    /// A declaration that is not at module top level: reported (E0106), then parsed so the
    /// rest of the file parses well, and dropped. The caller has checked that the current
    /// token starts one. A misplaced declaration inside another one (a class in a method
    /// of a class in a function…) is skipped without parsing, so such nesting cannot recurse
    /// without bound.
    pub(super) fn misplaced_declaration(&mut self, what: &str) {
        self.error_here(
            "E0106",
            format!("{what} declarations are only allowed at module top level"),
        );
        if self.in_misplaced {
            self.recover_member();
            return;
        }
        self.in_misplaced = true;
        match self.kind() {
            TokenKind::Import => {
                let _ = self.import();
            }
            TokenKind::Class => {
                let _ = self.class();
            }
            TokenKind::Format => {
                let _ = self.format();
            }
            TokenKind::Enum => {
                let _ = self.enumeration();
            }
            _ => {
                let _ = self.function();
            }
        }
        self.in_misplaced = false;
    }

    // ----- Imports -----

    /// `import { a, b as c } from 'm';`, `import 'm' as x;` or `import 'm';`.
    pub(super) fn import(&mut self) -> Option<ast::ImportDecl> {
        let lo = self.lo();
        self.bump();
        match self.import_body(lo) {
            Ok(decl) => Some(decl),
            Err(Fail) => {
                self.recover_import();
                None
            }
        }
    }

    /// Skips a broken import up to and including its `;`. Braces are not balanced: an
    /// import's `{` `}` hold only names, and a lost `}` must not swallow the rest of the file.
    fn recover_import(&mut self) {
        while !self.at_eof() && !self.at_top_level_keyword() {
            if self.eat(&TokenKind::Semi) {
                return;
            }
            self.bump();
        }
    }

    fn import_body(&mut self, lo: u32) -> PResult<ast::ImportDecl> {
        let kind = match self.kind() {
            TokenKind::LBrace => {
                self.bump();
                let items = self.import_items()?;
                if !self.at_word("from") {
                    self.expected("E0104", "'from'");
                    return Err(Fail);
                }
                self.bump();
                ast::ImportKind::Names(items)
            }
            TokenKind::Str(_) => ast::ImportKind::Module(None),
            _ => {
                let found = self.kind().describe();
                self.error_here(
                    "E0107",
                    format!(
                        "malformed import: expected '{{' or a module name string, found {found}"
                    ),
                );
                return Err(Fail);
            }
        };
        let (module, module_span) = match self.kind() {
            TokenKind::Str(bytes) => (String::from_utf8_lossy(bytes).into_owned(), self.span()),
            _ => {
                self.expected("E0104", "a module name string");
                return Err(Fail);
            }
        };
        self.bump();
        let kind = match kind {
            ast::ImportKind::Module(_) if self.at_word("as") => {
                self.bump();
                ast::ImportKind::Module(Some(self.import_name()?))
            }
            kind => kind,
        };
        let span = self.span_from(lo);
        self.expect_semi()?;
        Ok(ast::ImportDecl {
            kind,
            module,
            module_span,
            span,
        })
    }

    fn import_items(&mut self) -> PResult<Vec<ast::ImportItem>> {
        let mut items = Vec::new();
        if self.at(&TokenKind::RBrace) {
            self.error_here("E0107", "malformed import: the list of names is empty");
            return Err(Fail);
        }
        loop {
            let name = self.import_name()?;
            let alias = if self.at_word("as") {
                self.bump();
                Some(self.import_name()?)
            } else {
                None
            };
            items.push(ast::ImportItem { name, alias });
            if self.eat(&TokenKind::Comma) {
                if self.eat(&TokenKind::RBrace) {
                    return Ok(items);
                }
                continue;
            }
            if self.eat(&TokenKind::RBrace) {
                return Ok(items);
            }
            self.expected("E0104", "',' or '}'");
            return Err(Fail);
        }
    }

    /// A name inside an import statement, where `as` and `from` are keywords.
    fn import_name(&mut self) -> PResult<ast::Ident> {
        if self.at_word("as") || self.at_word("from") {
            self.expected("E0102", "an identifier");
            return Err(Fail);
        }
        self.expect_name()
    }

    fn at_word(&self, word: &str) -> bool {
        matches!(self.kind(), TokenKind::Ident(name) if name == word)
    }

    // ----- Functions -----

    /// `R name(params) { body }` or the forward declaration `R name(params);`.
    pub(super) fn function(&mut self) -> Option<ast::FunctionDecl> {
        let lo = self.lo();
        let header = (|| {
            let ret = self.parse_type()?;
            let name = self.expect_name()?;
            Ok::<_, Fail>((ret, name))
        })();
        let Ok((ret, name)) = header else {
            self.recover_stmt();
            return None;
        };
        let params = self.params(true);
        let body = match self.kind() {
            TokenKind::Semi => {
                self.bump();
                None
            }
            TokenKind::LBrace => Some(self.block().ok()?),
            _ => {
                self.expected("E0104", "'{' or ';'");
                self.recover_stmt();
                return None;
            }
        };
        Some(ast::FunctionDecl {
            ret,
            name,
            params: params.ok()?,
            body,
            span: self.span_from(lo),
        })
    }

    /// `( [type [IDENT] {, type [IDENT]}] )`; names are required unless `names_required` is
    /// false (host signatures), where an omitted name is an empty `Ident`. After an error
    /// the list is skipped up to its `)`.
    pub(super) fn params(&mut self, names_required: bool) -> PResult<Vec<ast::Param>> {
        self.expect(&TokenKind::LParen)?;
        let result = self.param_list(names_required);
        if result.is_err() {
            self.recover_to_close(&TokenKind::RParen, true);
        }
        result
    }

    fn param_list(&mut self, names_required: bool) -> PResult<Vec<ast::Param>> {
        let mut params = Vec::new();
        if self.eat(&TokenKind::RParen) {
            return Ok(params);
        }
        loop {
            let ty = self.parse_type()?;
            let name =
                if names_required || !matches!(self.kind(), TokenKind::Comma | TokenKind::RParen) {
                    self.expect_name()?
                } else {
                    ast::Ident {
                        name: String::new(),
                        span: ty.span.end(),
                    }
                };
            params.push(ast::Param { ty, name });
            if self.eat(&TokenKind::Comma) {
                continue;
            }
            if self.eat(&TokenKind::RParen) {
                return Ok(params);
            }
            self.expected("E0104", "',' or ')'");
            return Err(Fail);
        }
    }

    // ----- Classes -----

    /// `class Name [<subtype>] { members } [;]`.
    pub(super) fn class(&mut self) -> Option<ast::ClassDecl> {
        let lo = self.lo();
        self.bump();
        let (name, is_template) = match self.type_header() {
            Ok(header) => header,
            Err(Fail) => {
                self.recover_stmt();
                return None;
            }
        };
        if self.expect(&TokenKind::LBrace).is_err() {
            self.recover_stmt();
            return None;
        }
        let mut members = Vec::new();
        let mut ok = true;
        loop {
            match self.kind() {
                TokenKind::RBrace => {
                    self.bump();
                    break;
                }
                TokenKind::Eof => {
                    self.error_here("E0105", "expected '}' to close the class");
                    ok = false;
                    break;
                }
                _ => {}
            }
            // A stray `;` after a method body is a common habit from C++; it is harmless.
            if self.eat(&TokenKind::Semi) {
                continue;
            }
            let start = self.mark();
            match self.member() {
                Some(member) => members.push(member),
                None => ok = false,
            }
            if !self.moved_since(start) {
                self.bump();
            }
        }
        let span = self.span_from(lo);
        self.eat(&TokenKind::Semi);
        ok.then_some(ast::ClassDecl {
            name,
            is_template,
            members,
            span,
        })
    }

    /// `Name [<subtype>]` after `class` or `format`.
    fn type_header(&mut self) -> PResult<(ast::Ident, bool)> {
        let name = self.expect_name()?;
        let mut is_template = false;
        if self.eat(&TokenKind::Lt) {
            self.expect(&TokenKind::Subtype)?;
            if !self.eat_type_close() {
                self.expected("E0104", "'>'");
                return Err(Fail);
            }
            is_template = true;
        }
        Ok((name, is_template))
    }

    fn member(&mut self) -> Option<ast::Member> {
        match self.member_inner() {
            Ok(member) => member,
            Err(Fail) => {
                self.recover_member();
                None
            }
        }
    }

    /// Skips a broken member: up to and including its `;`, or its body `{ … }`, or up to the
    /// `}` that closes the class.
    fn recover_member(&mut self) {
        let mut braces = 0usize;
        loop {
            match self.kind() {
                TokenKind::Eof => return,
                TokenKind::Semi if braces == 0 => {
                    self.bump();
                    return;
                }
                TokenKind::LBrace => braces += 1,
                TokenKind::RBrace => {
                    if braces == 0 {
                        return;
                    }
                    braces -= 1;
                    if braces == 0 {
                        self.bump();
                        return;
                    }
                }
                _ => {}
            }
            self.bump();
        }
    }

    /// One member; `Ok(None)` when an error was reported and already recovered from.
    fn member_inner(&mut self) -> PResult<Option<ast::Member>> {
        let lo = self.lo();
        let mut is_static: Option<Span> = None;
        let mut is_const: Option<Span> = None;
        loop {
            let slot = match self.kind() {
                TokenKind::Static => &mut is_static,
                TokenKind::Const => &mut is_const,
                _ => break,
            };
            let span = self.span();
            if slot.is_some() {
                let what = self.kind().describe();
                self.diags
                    .error("E0109", span, format!("duplicate {what} on a class member"));
            }
            *slot = Some(span);
            self.bump();
        }
        let modifiers_not_allowed = |p: &mut Self, what: &str, allow_static: bool| {
            for (span, word) in [(is_static, "static"), (is_const, "const")] {
                if let Some(span) = span {
                    if allow_static && word == "static" {
                        continue;
                    }
                    p.diags
                        .error("E0109", span, format!("'{word}' is not allowed on {what}"));
                }
            }
        };
        match self.kind() {
            TokenKind::Constructor | TokenKind::Destructor => {
                let is_ctor = self.at(&TokenKind::Constructor);
                let what = if is_ctor {
                    "a constructor"
                } else {
                    "a destructor"
                };
                modifiers_not_allowed(self, what, false);
                self.bump();
                let params = self.params(true);
                let body = self.member_body(what)?;
                let (Ok(params), Some(body)) = (params, body) else {
                    return Ok(None);
                };
                let span = self.span_from(lo);
                Ok(Some(if is_ctor {
                    ast::Member::Constructor { params, body, span }
                } else {
                    ast::Member::Destructor { params, body, span }
                }))
            }
            TokenKind::Operator => {
                modifiers_not_allowed(self, "a conversion operator", false);
                self.bump();
                let ty = self.parse_type()?;
                let params = self.params(true);
                let body = self.member_body("a conversion operator")?;
                let (Ok(params), Some(body)) = (params, body) else {
                    return Ok(None);
                };
                Ok(Some(ast::Member::Conversion {
                    ty,
                    params,
                    body,
                    span: self.span_from(lo),
                }))
            }
            _ => {
                let ty = self.parse_type()?;
                if self.at(&TokenKind::Operator) {
                    modifiers_not_allowed(self, "an operator method", false);
                    self.bump();
                    let (op, op_span) = self.operator_symbol()?;
                    let params = self.params(true);
                    let body = self.member_body("an operator method")?;
                    let (Ok(params), Some(body)) = (params, body) else {
                        return Ok(None);
                    };
                    return Ok(Some(ast::Member::Operator {
                        ret: ty,
                        op,
                        op_span,
                        params,
                        body,
                        span: self.span_from(lo),
                    }));
                }
                let name = self.expect_name()?;
                if self.at(&TokenKind::LParen) {
                    modifiers_not_allowed(self, "a method", true);
                    let params = self.params(true);
                    // A method without a body (`R f();`) is E0109, reported here; the member
                    // is kept (with no body) so calls to it do not cause further errors.
                    let body = match self.kind() {
                        TokenKind::Semi => {
                            self.error_here("E0109", "a method needs a body");
                            self.bump();
                            None
                        }
                        TokenKind::LBrace => Some(self.block()?),
                        _ => {
                            self.expected("E0104", "'{'");
                            return Err(Fail);
                        }
                    };
                    let Ok(params) = params else {
                        return Ok(None);
                    };
                    return Ok(Some(ast::Member::Method {
                        is_static: is_static.is_some(),
                        ret: ty,
                        name,
                        params,
                        body,
                        span: self.span_from(lo),
                    }));
                }
                let init = if self.at(&TokenKind::Assign) {
                    let assign = self.span();
                    self.bump();
                    let init = *self.expr()?;
                    if is_static.is_some() {
                        Some(init)
                    } else {
                        // Reported here and dropped, so the checker sees a plain field.
                        self.diags.error(
                            "E0109",
                            assign.to(init.span),
                            "only static fields may have an initialiser",
                        );
                        None
                    }
                } else {
                    None
                };
                let span = self.span_from(lo);
                self.expect_semi()?;
                Ok(Some(ast::Member::Field {
                    is_static: is_static.is_some(),
                    is_const: is_const.is_some(),
                    ty,
                    name,
                    init,
                    span,
                }))
            }
        }
    }

    /// The body of a constructor, destructor or operator: a block. A `;` instead is E0109
    /// (only methods may be declared without a body, and the checker rejects those).
    /// `Ok(None)` when a `;` was found and consumed.
    fn member_body(&mut self, what: &str) -> PResult<Option<ast::Block>> {
        match self.kind() {
            TokenKind::LBrace => Ok(Some(self.block()?)),
            TokenKind::Semi => {
                self.error_here("E0109", format!("{what} needs a body"));
                self.bump();
                Ok(None)
            }
            _ => {
                self.expected("E0104", "'{'");
                Err(Fail)
            }
        }
    }

    /// The operator after `operator` in an operator method: any operator token, or `[]`.
    /// Whether it may be overloaded is the checker's business (E0322).
    fn operator_symbol(&mut self) -> PResult<(String, Span)> {
        let span = self.span();
        if self.eat(&TokenKind::LBracket) {
            let close = self.expect(&TokenKind::RBracket)?;
            return Ok((String::from("[]"), span.to(close)));
        }
        let is_operator = !matches!(
            self.kind(),
            TokenKind::LBrace
                | TokenKind::RBrace
                | TokenKind::LParen
                | TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::Semi
                | TokenKind::Comma
                | TokenKind::Dot
                | TokenKind::Question
                | TokenKind::Colon
        );
        match self.kind().text() {
            Some(text) if is_operator && !self.kind().is_keyword() => {
                let text = text.to_string();
                self.bump();
                Ok((text, span))
            }
            _ => {
                self.expected("E0104", "an operator after 'operator'");
                Err(Fail)
            }
        }
    }

    // ----- Formats -----

    /// `format Name [<subtype>] { [type IDENT {, type IDENT} [,]] } [;]`.
    pub(super) fn format(&mut self) -> Option<ast::FormatDecl> {
        let lo = self.lo();
        self.bump();
        let (name, is_template) = match self.type_header() {
            Ok(header) => header,
            Err(Fail) => {
                self.recover_stmt();
                return None;
            }
        };
        if self.expect(&TokenKind::LBrace).is_err() {
            self.recover_stmt();
            return None;
        }
        let mut fields = Vec::new();
        let ok = self.comma_list("field", |p| {
            let ty = p.parse_type()?;
            let name = p.expect_name()?;
            fields.push(ast::FormatField { ty, name });
            Ok(())
        });
        let span = self.span_from(lo);
        self.eat(&TokenKind::Semi);
        ok.then_some(ast::FormatDecl {
            name,
            is_template,
            fields,
            span,
        })
    }

    /// The body of a format or enum after its `{`: entries separated by commas, with an
    /// optional trailing comma, up to and including the `}`. A broken entry is skipped up to
    /// the next `,` or `}`. Returns false if any error was reported.
    fn comma_list(&mut self, what: &str, mut entry: impl FnMut(&mut Self) -> PResult<()>) -> bool {
        let mut ok = true;
        loop {
            if self.eat(&TokenKind::RBrace) {
                return ok;
            }
            if self.at_eof() || self.at_top_level_keyword() {
                // After a broken entry this is the same mistake, already reported.
                if ok {
                    self.expected("E0104", "'}'");
                }
                return false;
            }
            let start = self.mark();
            let result = entry(self).and_then(|()| {
                if self.eat(&TokenKind::Comma) || self.at(&TokenKind::RBrace) {
                    Ok(())
                } else {
                    self.expected("E0104", &format!("',' or '}}' after the {what}"));
                    Err(Fail)
                }
            });
            if result.is_err() {
                ok = false;
                self.skip_list_entry();
                if !self.moved_since(start) && !self.at(&TokenKind::RBrace) {
                    self.bump();
                }
            }
        }
    }

    /// Skips to just after the next `,` or up to the `}` of the enclosing list.
    fn skip_list_entry(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.kind() {
                TokenKind::Eof => return,
                // In a format or enum a `;` can only be a mistyped `,`.
                TokenKind::Comma | TokenKind::Semi if depth == 0 => {
                    self.bump();
                    return;
                }
                _ if depth == 0 && self.at_top_level_keyword() => return,
                TokenKind::LParen | TokenKind::LBracket | TokenKind::LBrace => depth += 1,
                TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                _ => {}
            }
            self.bump();
        }
    }

    // ----- Enums -----

    /// `enum Name { [IDENT [= expr] {, IDENT [= expr]} [,]] } [;]`.
    pub(super) fn enumeration(&mut self) -> Option<ast::EnumDecl> {
        let lo = self.lo();
        self.bump();
        let Ok(name) = self.expect_name() else {
            self.recover_stmt();
            return None;
        };
        if self.expect(&TokenKind::LBrace).is_err() {
            self.recover_stmt();
            return None;
        }
        let mut variants = Vec::new();
        let ok = self.comma_list("enumerator", |p| {
            let name = p.expect_name()?;
            let value = if p.eat(&TokenKind::Assign) {
                Some(*p.expr()?)
            } else {
                None
            };
            variants.push(ast::Enumerator { name, value });
            Ok(())
        });
        let span = self.span_from(lo);
        self.eat(&TokenKind::Semi);
        ok.then_some(ast::EnumDecl {
            name,
            variants,
            span,
        })
    }
}
