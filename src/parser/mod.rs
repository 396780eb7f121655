//! Parser: tokens → syntax tree ([`ast`]), by recursive descent (language spec sections 3–7).
//!
//! Consumes the tokens of one module ([`crate::lexer::tokenize`]) and produces an
//! [`ast::Module`]; [`parse_function_signature`] parses the declaration strings hosts use to
//! bind native functions. Errors are reported to [`Diagnostics`] with the E01xx codes of spec
//! 10.2 (E0500 for the nesting limit) and parsing goes on, so a file reports every error.
//!
//! Invariants:
//! * no node is produced for text that could not be parsed: a construct with a syntax error
//!   is reported, skipped to a recovery point (the next `;`, a `}` or the start of a
//!   top-level declaration, at the right nesting depth; a bracketed construct skips to its
//!   closing bracket) and dropped. Errors that leave the shape intact keep their node: a
//!   `try` without clauses (E0108), a class method without a body (E0109; `body` is None)
//!   and a declaration outside top level (E0106, parsed, then dropped). An initialiser on a
//!   non-static field (E0109) is reported here and dropped from the field;
//! * every loop either consumes a token or stops at `Eof`. Nesting is capped at
//!   [`MAX_DEPTH`] levels of expressions, statements and blocks combined, where each link
//!   of an operator or postfix chain (`a + b + c`, `a.b().c`) counts as a level because it
//!   nests the tree as deeply; so no input makes the parser hang or overflow its stack,
//!   nor the later phases that recurse over the tree, and dropping the tree is safe too;
//! * once the end of the file has been reported, further errors at the end of the file are
//!   dropped: one unclosed `{` is one error, not one per enclosing construct.
//!
//! The grammar's one ambiguity, a type versus an expression at the start of a statement
//! (`Foo<i32> x;` versus `a < b;`), is resolved by speculation (spec 5.1): the parser tries to
//! read a type followed by a name and rewinds if that fails. `Name<T>` in an expression is a
//! template instance only if the `>` is followed by `(` or `.`.

mod decl;
mod expr;
mod stmt;
#[cfg(test)]
mod tests;

use crate::ast;
use crate::diag::{Diagnostic, Diagnostics};
use crate::lexer::{Token, TokenKind, tokenize};
use crate::source::{SourceFile, Span};

/// The nesting limit for expressions, statements and blocks combined (E0500).
pub const MAX_DEPTH: u32 = 256;

/// Parses a whole module. Always returns a module; its items are the ones that parsed.
/// Lexical and syntax errors are reported in source order.
pub fn parse_module(src: &SourceFile, diags: &mut Diagnostics) -> ast::Module {
    let before = diags.len();
    let tokens = tokenize(src, diags);
    let mut p = Parser::new(src, tokens, diags);
    let module = p.module();
    // The lexer reports all of its errors before the parser starts; interleave them.
    diags.items[before..].sort_by_key(|d| d.span.lo);
    module
}

/// Parses a host binding declaration such as `"f32 lerp(f32 a, f32 b, f32 t)"` or
/// `"f32 mul(f32, f32)"`: a return type, a name and parameters whose names are optional (an
/// omitted name is an `Ident` with an empty name), an optional `;`, then the end of the text.
/// Returns None, with diagnostics, if the text is anything else.
pub fn parse_function_signature(
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<ast::FunctionDecl> {
    let before = diags.len();
    let tokens = tokenize(src, diags);
    let mut p = Parser::new(src, tokens, diags);
    let decl = p.signature();
    if p.diags.len() > before {
        return None;
    }
    decl
}

/// Marker for "an error was reported here"; the caller recovers.
#[derive(Debug)]
pub(crate) struct Fail;

pub(crate) type PResult<T> = Result<T, Fail>;

/// Why a type could not be read (see [`Parser::try_type`]).
#[derive(Debug)]
pub(crate) enum TypeFail {
    /// No type name where one was expected.
    NoName,
    /// A template argument list without its closing `>`.
    NoClose,
    /// Template arguments nested beyond [`MAX_DEPTH`] (E0500 already reported).
    TooDeep,
}

/// A saved parser position for speculation.
#[derive(Clone, Copy)]
pub(crate) struct Mark {
    pos: usize,
    split: bool,
    last: Span,
}

/// What the tokens at the start of a statement look like (see [`Parser::look`]).
#[derive(Debug, PartialEq)]
pub(crate) enum Look {
    /// `type IDENT (`: a function declaration.
    Function,
    /// `type IDENT`: a variable declaration.
    Decl,
    /// Anything else: an expression.
    Expr,
    /// A type nested too deeply (E0500 already reported).
    TooDeep,
}

/// How far [`Parser::skip_construct`] skips once the nesting limit is hit.
#[derive(Clone, Copy)]
pub(crate) enum Construct {
    Expr,
    Stmt,
}

static GT: TokenKind = TokenKind::Gt;

pub(crate) struct Parser<'a> {
    src: &'a SourceFile,
    /// Never empty; the last token is `Eof` and `pos` never moves past it.
    tokens: Vec<Token>,
    pos: usize,
    /// The first half of a `>>` token has been consumed as the `>` closing a template
    /// argument list; the current token is the second half, a `>`.
    split: bool,
    /// The span of the last consumed token (or half token).
    last: Span,
    pub(crate) diags: &'a mut Diagnostics,
    depth: u32,
    deep_reported: bool,
    eof_reported: bool,
    /// Inside a declaration that is not at top level (see `misplaced_declaration`).
    in_misplaced: bool,
}

impl<'a> Parser<'a> {
    fn new(src: &'a SourceFile, mut tokens: Vec<Token>, diags: &'a mut Diagnostics) -> Self {
        if tokens.last().map(|t| &t.kind) != Some(&TokenKind::Eof) {
            let end = u32::try_from(src.text.len()).unwrap_or(u32::MAX);
            tokens.push(Token {
                kind: TokenKind::Eof,
                span: Span::new(end, end),
            });
        }
        Parser {
            src,
            tokens,
            pos: 0,
            split: false,
            last: Span::default(),
            diags,
            depth: 0,
            deep_reported: false,
            eof_reported: false,
            in_misplaced: false,
        }
    }

    // ----- Token access -----

    fn raw(&self) -> &Token {
        &self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    /// The current token's kind (the second half of a split `>>` is a `>`).
    pub(crate) fn kind(&self) -> &TokenKind {
        if self.split { &GT } else { &self.raw().kind }
    }

    /// The kind of the token `n` places after the current one.
    pub(crate) fn peek(&self, n: usize) -> &TokenKind {
        let i = (self.pos + n).min(self.tokens.len() - 1);
        &self.tokens[i].kind
    }

    pub(crate) fn span(&self) -> Span {
        let span = self.raw().span;
        if self.split {
            Span::new(span.lo.saturating_add(1), span.hi)
        } else {
            span
        }
    }

    pub(crate) fn at(&self, kind: &TokenKind) -> bool {
        self.kind() == kind
    }

    pub(crate) fn at_eof(&self) -> bool {
        self.raw().kind == TokenKind::Eof
    }

    /// Consumes the current token; does nothing at `Eof`.
    pub(crate) fn bump(&mut self) {
        if self.at_eof() {
            return;
        }
        self.last = self.span();
        self.split = false;
        self.pos += 1;
    }

    /// Consumes the current token if it is `kind`.
    pub(crate) fn eat(&mut self, kind: &TokenKind) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    pub(crate) fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            split: self.split,
            last: self.last,
        }
    }

    pub(crate) fn rewind(&mut self, mark: Mark) {
        self.pos = mark.pos;
        self.split = mark.split;
        self.last = mark.last;
    }

    pub(crate) fn moved_since(&self, mark: Mark) -> bool {
        self.pos != mark.pos || self.split != mark.split
    }

    /// The start offset of the current token.
    pub(crate) fn lo(&self) -> u32 {
        self.span().lo
    }

    /// From `lo` to the end of the last consumed token.
    pub(crate) fn span_from(&self, lo: u32) -> Span {
        Span::new(lo, self.last.hi.max(lo))
    }

    /// True if a line end separates the last consumed token from the current one.
    pub(crate) fn newline_before(&self) -> bool {
        let lo = self.last.hi as usize;
        let hi = (self.span().lo as usize).min(self.src.text.len());
        lo < hi
            && self.src.text[lo..hi]
                .iter()
                .any(|&b| b == b'\n' || b == b'\r')
    }

    /// Consumes a `>` closing a template argument list; a `>>` closes two, so its first
    /// half is consumed here and its second half stays current.
    pub(crate) fn eat_type_close(&mut self) -> bool {
        if self.split || self.raw().kind == TokenKind::Gt {
            self.bump();
            true
        } else if self.raw().kind == TokenKind::Shr {
            let span = self.raw().span;
            self.last = Span::new(span.lo, span.lo.saturating_add(1));
            self.split = true;
            true
        } else {
            false
        }
    }

    // ----- Errors -----

    /// Reports an error at the current token. At the end of the file it becomes E0105, once.
    pub(crate) fn error_here(&mut self, code: &'static str, message: impl Into<String>) {
        if self.at_eof() {
            self.report_eof(message.into());
        } else {
            let span = self.span();
            self.diags.error(code, span, message);
        }
    }

    fn report_eof(&mut self, expected: String) {
        if !self.eof_reported {
            self.eof_reported = true;
            let span = self.span();
            self.diags.error(
                "E0105",
                span,
                format!("unexpected end of file ({expected})"),
            );
        }
    }

    /// Reports "expected X, found Y" at the current token with the given code.
    pub(crate) fn expected(&mut self, code: &'static str, what: &str) {
        let found = self.kind().describe();
        self.error_here(code, format!("expected {what}, found {found}"));
    }

    /// Consumes `kind` or reports E0104 naming it.
    pub(crate) fn expect(&mut self, kind: &TokenKind) -> PResult<Span> {
        if self.at(kind) {
            let span = self.span();
            self.bump();
            Ok(span)
        } else {
            let what = format!("'{}'", kind.text().unwrap_or("?"));
            self.expected("E0104", &what);
            Err(Fail)
        }
    }

    /// Consumes the `;` that ends a statement or reports E0100 at the token found instead,
    /// labelled at the end of the previous token. If that token starts a new line (or closes
    /// the block), the `;` was simply forgotten: parsing goes on without skipping anything.
    pub(crate) fn expect_semi(&mut self) -> PResult<()> {
        if self.eat(&TokenKind::Semi) {
            return Ok(());
        }
        let prev = self.last;
        if self.at_eof() {
            if !self.eof_reported {
                self.eof_reported = true;
                let span = self.span();
                self.diags.push(
                    Diagnostic::error("E0100", span, "expected ';', found end of file")
                        .with_label(prev.end(), "expected ';' after this"),
                );
            }
            return Ok(());
        }
        let found = self.kind().describe();
        let span = self.span();
        self.diags.push(
            Diagnostic::error("E0100", span, format!("expected ';', found {found}"))
                .with_label(prev.end(), "expected ';' after this"),
        );
        if self.newline_before() || self.at(&TokenKind::RBrace) {
            Ok(())
        } else {
            Err(Fail)
        }
    }

    /// Reads a name. A keyword or reserved word in a name's place is reported (E0102) but
    /// taken as the name, so the declaration around it still parses.
    pub(crate) fn expect_name(&mut self) -> PResult<ast::Ident> {
        let span = self.span();
        let kind = self.kind();
        let name = match kind {
            TokenKind::Ident(name) => name.clone(),
            TokenKind::Reserved(w) => {
                let w = *w;
                self.diags.error(
                    "E0102",
                    span,
                    format!("'{w}' is a reserved word and cannot be used as a name"),
                );
                w.to_string()
            }
            k if k.is_keyword() => {
                let w = k.text().unwrap_or("?");
                self.diags.error(
                    "E0102",
                    span,
                    format!("keyword '{w}' cannot be used as a name"),
                );
                w.to_string()
            }
            _ => {
                self.expected("E0102", "an identifier");
                return Err(Fail);
            }
        };
        self.bump();
        Ok(ast::Ident { name, span })
    }

    // ----- Nesting limit -----

    /// Enters one level of nesting. Beyond [`MAX_DEPTH`] it reports E0500 (once per file),
    /// skips the rest of the construct without recursing and fails.
    pub(crate) fn enter(&mut self, construct: Construct) -> PResult<()> {
        if self.depth >= MAX_DEPTH {
            self.report_too_deep();
            self.skip_construct(construct);
            return Err(Fail);
        }
        self.depth += 1;
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn report_too_deep(&mut self) {
        if !self.deep_reported {
            self.deep_reported = true;
            let span = self.span();
            self.diags.error(
                "E0500",
                span,
                format!("nesting too deep (limit {MAX_DEPTH})"),
            );
        }
    }

    /// Skips, without recursing, the rest of an expression (up to a `;`, `,`, `:` or an
    /// unmatched closing bracket) or of a statement (up to and including its `;`, or up to
    /// an unmatched closing bracket).
    fn skip_construct(&mut self, construct: Construct) {
        let mut depth = 0usize;
        loop {
            match self.kind() {
                TokenKind::Eof => return,
                TokenKind::LParen | TokenKind::LBracket | TokenKind::LBrace => depth += 1,
                TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                TokenKind::Semi if depth == 0 => {
                    if let Construct::Stmt = construct {
                        self.bump();
                    }
                    return;
                }
                TokenKind::Comma | TokenKind::Colon if depth == 0 => {
                    if let Construct::Expr = construct {
                        return;
                    }
                }
                _ => {}
            }
            self.bump();
        }
    }

    // ----- Recovery -----

    pub(crate) fn at_top_level_keyword(&self) -> bool {
        matches!(
            self.kind(),
            TokenKind::Class | TokenKind::Format | TokenKind::Enum | TokenKind::Import
        )
    }

    /// Statement-level recovery: skips to just after the next `;`, or to a `}` closing the
    /// enclosing block, or to the start of a top-level declaration, skipping nested `{ }`.
    pub(crate) fn recover_stmt(&mut self) {
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
                }
                _ if braces == 0 && self.at_top_level_keyword() => return,
                _ => {}
            }
            self.bump();
        }
    }

    /// Recovery inside a bracketed construct: skips to the `close` bracket matching an
    /// already consumed opener and consumes it. Stops early, without consuming, at an
    /// unmatched closing bracket of another kind, at a `{` that starts a block after a
    /// parenthesised header, at a top-level declaration keyword, and (if `stop_at_semi`) at
    /// a `;`: the construct was not closed, and the enclosing one takes over.
    pub(crate) fn recover_to_close(&mut self, close: &TokenKind, stop_at_semi: bool) {
        let mut depth = 0usize;
        loop {
            let kind = self.kind();
            if depth == 0 && kind == close {
                self.bump();
                return;
            }
            match kind {
                TokenKind::Eof => return,
                TokenKind::LParen | TokenKind::LBracket => depth += 1,
                TokenKind::LBrace => {
                    if depth == 0 && *close != TokenKind::RBrace {
                        return;
                    }
                    depth += 1;
                }
                TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                }
                TokenKind::Semi if depth == 0 && stop_at_semi => return,
                _ if depth == 0 && self.at_top_level_keyword() => return,
                _ => {}
            }
            self.bump();
        }
    }

    // ----- Types -----

    /// Reads a type `[IDENT "."] NAME ["<" type ">"] ["?"]` without reporting anything
    /// (except E0500 for absurd nesting). On failure the position is wherever reading
    /// stopped; speculating callers rewind.
    pub(crate) fn try_type(&mut self, allow_handle: bool) -> Result<ast::TypeExpr, TypeFail> {
        let lo = self.lo();
        let first = match self.type_name() {
            Some(id) => id,
            None => return Err(TypeFail::NoName),
        };
        let (qualifier, name) =
            if self.at(&TokenKind::Dot) && matches!(self.peek(1), TokenKind::Ident(_)) {
                self.bump();
                match self.type_name() {
                    Some(name) => (Some(first), name),
                    None => return Err(TypeFail::NoName),
                }
            } else {
                (None, first)
            };
        let mut arg = None;
        if self.at(&TokenKind::Lt) {
            self.bump();
            if self.depth >= MAX_DEPTH {
                self.report_too_deep();
                return Err(TypeFail::TooDeep);
            }
            self.depth += 1;
            let inner = self.try_type(true);
            self.leave();
            arg = Some(Box::new(inner?));
            if !self.eat_type_close() {
                return Err(TypeFail::NoClose);
            }
        }
        let handle = allow_handle && self.eat(&TokenKind::Question);
        Ok(ast::TypeExpr {
            qualifier,
            name,
            arg,
            handle,
            span: self.span_from(lo),
        })
    }

    /// A type name: an identifier or `subtype` (a keyword, but a type like any other here).
    fn type_name(&mut self) -> Option<ast::Ident> {
        let span = self.span();
        let name = match self.kind() {
            TokenKind::Ident(name) => name.clone(),
            TokenKind::Subtype => String::from("subtype"),
            _ => return None,
        };
        self.bump();
        Some(ast::Ident { name, span })
    }

    /// Reads a type, reporting E0103 (no type) or E0104 (no closing `>`).
    pub(crate) fn parse_type(&mut self) -> PResult<ast::TypeExpr> {
        self.parse_type_with(true)
    }

    pub(crate) fn parse_type_with(&mut self, allow_handle: bool) -> PResult<ast::TypeExpr> {
        match self.try_type(allow_handle) {
            Ok(ty) => Ok(ty),
            Err(TypeFail::NoName) => {
                self.expected("E0103", "a type");
                Err(Fail)
            }
            Err(TypeFail::NoClose) => {
                self.expected("E0104", "'>'");
                Err(Fail)
            }
            Err(TypeFail::TooDeep) => Err(Fail),
        }
    }

    /// Decides, by speculation, whether the tokens at the current position start a function
    /// declaration, a variable declaration or an expression (spec 5.1). Does not move.
    ///
    /// A type followed by a name is a declaration; `type name (` is a function. A handle
    /// type `T?` could also be the start of a conditional (`c ? a : b;`, `c ? f() : g();`),
    /// so after one a declaration needs `=`, `;`, `,`, `)` or a line end after the name,
    /// and a function needs `{` or `;` after its parameter list.
    pub(crate) fn look(&mut self) -> Look {
        let start = self.mark();
        let look = self.look_inner();
        self.rewind(start);
        look
    }

    fn look_inner(&mut self) -> Look {
        let ty = match self.try_type(true) {
            Ok(ty) => ty,
            Err(TypeFail::TooDeep) => return Look::TooDeep,
            Err(_) => return Look::Expr,
        };
        match self.kind() {
            TokenKind::Ident(_) | TokenKind::Reserved(_) => {}
            // `i32 new = 1;`: a keyword as a variable name is an E0102 in a declaration, not
            // a missing `;`. `x \n return;` is a missing `;` after `x`, though.
            k if k.is_keyword()
                && !matches!(
                    k,
                    TokenKind::Return | TokenKind::Break | TokenKind::Continue
                )
                && matches!(self.peek(1), TokenKind::Assign | TokenKind::Semi) =>
            {
                return Look::Decl;
            }
            _ => return Look::Expr,
        }
        self.bump();
        if self.at(&TokenKind::LParen) {
            if !ty.handle || self.params_then_body() {
                return Look::Function;
            }
            return Look::Expr;
        }
        let decl_follows = matches!(
            self.kind(),
            TokenKind::Assign
                | TokenKind::Semi
                | TokenKind::Comma
                | TokenKind::RParen
                | TokenKind::RBrace
                | TokenKind::Eof
        ) || self.newline_before();
        if !ty.handle || decl_follows {
            Look::Decl
        } else {
            Look::Expr
        }
    }

    /// At a `(`: true if the balanced parenthesised list is followed by `{` or `;`. A
    /// parameter list holds no `;`, `{` or `}`, so the scan stops at one: lookahead that
    /// could run to the end of the file for every statement would make parsing quadratic.
    fn params_then_body(&mut self) -> bool {
        let mut depth = 0usize;
        loop {
            match self.kind() {
                TokenKind::Eof | TokenKind::Semi | TokenKind::LBrace | TokenKind::RBrace => {
                    return false;
                }
                TokenKind::LParen => depth += 1,
                TokenKind::RParen => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.bump();
                        return matches!(self.kind(), TokenKind::LBrace | TokenKind::Semi);
                    }
                }
                _ => {}
            }
            self.bump();
        }
    }

    // ----- Entry points -----

    fn module(&mut self) -> ast::Module {
        let mut items = Vec::new();
        while !self.at_eof() {
            let start = self.mark();
            if self.at(&TokenKind::RBrace) {
                self.error_here("E0101", "unmatched '}'");
                self.bump();
                continue;
            }
            if let Some(item) = self.item() {
                items.push(item);
            }
            if !self.moved_since(start) {
                self.bump();
            }
        }
        ast::Module { items }
    }

    fn signature(&mut self) -> Option<ast::FunctionDecl> {
        let lo = self.lo();
        let ret = self.parse_type().ok()?;
        let name = self.expect_name().ok()?;
        let params = self.params(false).ok()?;
        let span = self.span_from(lo);
        self.eat(&TokenKind::Semi);
        if !self.at_eof() {
            self.expected("E0104", "the end of the declaration");
            return None;
        }
        Some(ast::FunctionDecl {
            ret,
            name,
            params,
            body: None,
            span,
        })
    }
}
