//! Statements and blocks (spec 5.1, 5.4, 6.2, 6.3).
//!
//! [`Parser::stmt`] returns None after an error, positioned where the next statement can
//! start. Compound statements recover locally (a broken `if (…)` header is skipped to its
//! `)` and the body still parses); simple ones are skipped to their `;`.

use super::{Construct, Fail, Look, PResult, Parser};
use crate::ast::{self, Stmt, StmtKind};
use crate::diag::Diagnostic;
use crate::lexer::TokenKind;
use crate::source::Span;

/// The three clauses of a `for` header: init, condition, step.
type ForHeader = (Option<Box<Stmt>>, Option<ast::Expr>, Option<ast::Expr>);

#[inline(never)]
fn stmt_node(kind: StmtKind, span: Span) -> Box<Stmt> {
    Box::new(Stmt { kind, span })
}

impl Parser<'_> {
    /// One statement, one nesting level deeper.
    pub(super) fn stmt(&mut self) -> Option<Box<Stmt>> {
        if self.enter(Construct::Stmt).is_err() {
            return None;
        }
        let result = self.stmt_inner();
        self.leave();
        match result {
            Ok(stmt) => stmt,
            Err(Fail) => {
                self.recover_stmt();
                None
            }
        }
    }

    /// `Err` asks the caller to skip to the end of the statement; `Ok(None)` means an error
    /// was reported and recovery already done. Only dispatches, so that the frames on the
    /// recursive path stay small (see the note in `expr.rs`).
    fn stmt_inner(&mut self) -> PResult<Option<Box<Stmt>>> {
        match self.kind() {
            TokenKind::LBrace => self.block_stmt(),
            TokenKind::If => Ok(self.if_stmt()),
            TokenKind::While => Ok(self.while_stmt()),
            TokenKind::Do => self.do_stmt(),
            TokenKind::For => Ok(self.for_stmt()),
            TokenKind::Try => self.try_stmt(),
            _ => self.simple_stmt(),
        }
    }

    fn block_stmt(&mut self) -> PResult<Option<Box<Stmt>>> {
        let block = self.block()?;
        let span = block.span;
        Ok(Some(stmt_node(StmtKind::Block(block), span)))
    }

    /// Statements that contain no statements.
    #[inline(never)]
    fn simple_stmt(&mut self) -> PResult<Option<Box<Stmt>>> {
        let lo = self.lo();
        let kind = match self.kind() {
            TokenKind::Semi => {
                self.bump();
                StmtKind::Empty
            }
            TokenKind::Break | TokenKind::Continue => {
                let is_break = self.at(&TokenKind::Break);
                self.bump();
                self.expect_semi()?;
                if is_break {
                    StmtKind::Break
                } else {
                    StmtKind::Continue
                }
            }
            TokenKind::Return => {
                self.bump();
                let value = if matches!(
                    self.kind(),
                    TokenKind::Semi | TokenKind::RBrace | TokenKind::Eof
                ) {
                    None
                } else {
                    Some(*self.expr()?)
                };
                self.expect_semi()?;
                StmtKind::Return(value)
            }
            TokenKind::Delete | TokenKind::Throw => {
                let is_delete = self.at(&TokenKind::Delete);
                self.bump();
                let value = *self.expr()?;
                self.expect_semi()?;
                if is_delete {
                    StmtKind::Delete(value)
                } else {
                    StmtKind::Throw(value)
                }
            }
            TokenKind::Const => {
                self.bump();
                let decl = self.var_decl(lo, true)?;
                self.expect_semi()?;
                StmtKind::VarDecl(decl)
            }
            TokenKind::Else => {
                self.error_here("E0101", "'else' without a matching 'if'");
                self.bump();
                return Ok(None);
            }
            TokenKind::Class => return self.misplaced("class"),
            TokenKind::Format => return self.misplaced("format"),
            TokenKind::Enum => return self.misplaced("enum"),
            TokenKind::Import => return self.misplaced("import"),
            _ => match self.look() {
                Look::Function => return self.misplaced("function"),
                Look::TooDeep => return Err(Fail),
                Look::Decl => {
                    let decl = self.var_decl(lo, false)?;
                    self.expect_semi()?;
                    StmtKind::VarDecl(decl)
                }
                Look::Expr => {
                    let expr = *self.expr()?;
                    self.expect_semi()?;
                    StmtKind::Expr(expr)
                }
            },
        };
        Ok(Some(stmt_node(kind, self.span_from(lo))))
    }

    fn misplaced(&mut self, what: &str) -> PResult<Option<Box<Stmt>>> {
        self.misplaced_declaration(what);
        Ok(None)
    }

    /// `type IDENT [= expr]` (after `const`, if any, which `lo` covers). No `;`.
    fn var_decl(&mut self, lo: u32, is_const: bool) -> PResult<ast::VarDecl> {
        let ty = self.parse_type()?;
        let name = self.expect_name()?;
        let init = if self.eat(&TokenKind::Assign) {
            Some(*self.expr()?)
        } else {
            None
        };
        Ok(ast::VarDecl {
            is_const,
            ty,
            name,
            init,
            span: self.span_from(lo),
        })
    }

    /// `{ statements }`. A missing `}` at the end of the file is reported (E0105) and the
    /// block ends there.
    pub(super) fn block(&mut self) -> PResult<ast::Block> {
        let lo = self.lo();
        self.expect(&TokenKind::LBrace)?;
        let mut stmts = Vec::new();
        loop {
            match self.kind() {
                TokenKind::RBrace => {
                    self.bump();
                    break;
                }
                TokenKind::Eof => {
                    self.error_here("E0105", "expected '}'");
                    break;
                }
                _ => {}
            }
            let start = self.mark();
            if let Some(stmt) = self.stmt() {
                stmts.push(*stmt);
            }
            if !self.moved_since(start) {
                self.bump();
            }
        }
        Ok(ast::Block {
            stmts,
            span: self.span_from(lo),
        })
    }

    /// `( expr )` after `if`, `while`. After an error the header is skipped to its `)` and
    /// None returned, so the caller still parses the body.
    fn paren_cond(&mut self) -> Option<Box<ast::Expr>> {
        if !self.at(&TokenKind::LParen) {
            self.expected("E0104", "'('");
            // `if x > 0 { … }`: read the condition anyway, so the body parses normally.
            if self.expr().is_err() {
                self.recover_to_close(&TokenKind::RParen, true);
            } else {
                self.eat(&TokenKind::RParen);
            }
            return None;
        }
        self.bump();
        if let Ok(cond) = self.expr() {
            if self.eat(&TokenKind::RParen) {
                return Some(cond);
            }
            self.expected("E0104", "')'");
        }
        self.recover_to_close(&TokenKind::RParen, true);
        None
    }

    fn if_stmt(&mut self) -> Option<Box<Stmt>> {
        let lo = self.lo();
        self.bump();
        let cond = self.paren_cond();
        let then = self.stmt();
        let otherwise = if self.eat(&TokenKind::Else) {
            Some(self.stmt()?)
        } else {
            None
        };
        let kind = StmtKind::If {
            cond: *cond?,
            then: then?,
            otherwise,
        };
        Some(stmt_node(kind, self.span_from(lo)))
    }

    fn while_stmt(&mut self) -> Option<Box<Stmt>> {
        let lo = self.lo();
        self.bump();
        let cond = self.paren_cond();
        let body = self.stmt();
        let kind = StmtKind::While {
            cond: *cond?,
            body: body?,
        };
        Some(stmt_node(kind, self.span_from(lo)))
    }

    /// `do stmt while ( expr ) [;]`.
    fn do_stmt(&mut self) -> PResult<Option<Box<Stmt>>> {
        let lo = self.lo();
        self.bump();
        let body = self.stmt();
        if !self.eat(&TokenKind::While) {
            self.expected("E0104", "'while'");
            return Err(Fail);
        }
        let cond = self.paren_cond();
        self.eat(&TokenKind::Semi);
        let (Some(body), Some(cond)) = (body, cond) else {
            return Ok(None);
        };
        let kind = StmtKind::DoWhile { body, cond: *cond };
        Ok(Some(stmt_node(kind, self.span_from(lo))))
    }

    /// `for ( [init] ; [cond] ; [step] ) stmt`; `init` is a declaration or an expression.
    fn for_stmt(&mut self) -> Option<Box<Stmt>> {
        let lo = self.lo();
        self.bump();
        let header = self.for_header();
        let body = self.stmt();
        let (init, cond, step) = header?;
        let kind = StmtKind::For {
            init,
            cond,
            step,
            body: body?,
        };
        Some(stmt_node(kind, self.span_from(lo)))
    }

    /// `( [init] ; [cond] ; [step] )`; after an error, skipped up to its `)` and None.
    #[inline(never)]
    fn for_header(&mut self) -> Option<ForHeader> {
        if !self.eat(&TokenKind::LParen) {
            self.expected("E0104", "'('");
            self.recover_to_close(&TokenKind::RParen, false);
            return None;
        }
        let header = self.for_clauses();
        if header.is_err() {
            self.recover_to_close(&TokenKind::RParen, false);
        }
        header.ok()
    }

    fn for_clauses(&mut self) -> PResult<ForHeader> {
        let init = if self.eat(&TokenKind::Semi) {
            None
        } else {
            let lo = self.lo();
            let kind = if self.eat(&TokenKind::Const) {
                StmtKind::VarDecl(self.var_decl(lo, true)?)
            } else {
                match self.look() {
                    Look::Decl => StmtKind::VarDecl(self.var_decl(lo, false)?),
                    Look::TooDeep => return Err(Fail),
                    Look::Function | Look::Expr => StmtKind::Expr(*self.expr()?),
                }
            };
            let init = stmt_node(kind, self.span_from(lo));
            self.for_semi();
            Some(init)
        };
        let cond = if self.eat(&TokenKind::Semi) {
            None
        } else {
            let cond = *self.expr()?;
            self.for_semi();
            Some(cond)
        };
        let step = if self.eat(&TokenKind::RParen) {
            None
        } else {
            let step = *self.expr()?;
            self.expect(&TokenKind::RParen)?;
            Some(step)
        };
        Ok((init, cond, step))
    }

    /// The `;` between `for` clauses. If it is missing (E0100), the next clause is read
    /// from where it is: `for (i32 i = 0 i < n; i++)` is one error.
    fn for_semi(&mut self) {
        if self.eat(&TokenKind::Semi) {
            return;
        }
        if self.at_eof() {
            self.error_here("E0100", "expected ';'");
            return;
        }
        let prev = self.last;
        let found = self.kind().describe();
        let span = self.span();
        self.diags.push(
            Diagnostic::error("E0100", span, format!("expected ';', found {found}"))
                .with_label(prev.end(), "expected ';' after this"),
        );
    }

    /// `try block { catch ( type IDENT ) block } [ finally block ]`; E0108 without either.
    fn try_stmt(&mut self) -> PResult<Option<Box<Stmt>>> {
        let lo = self.lo();
        let try_span = self.span();
        self.bump();
        let body = self.block()?;
        let mut catches = Vec::new();
        let mut ok = true;
        while self.at(&TokenKind::Catch) {
            match self.catch_clause() {
                Some(clause) => catches.push(clause),
                None => ok = false,
            }
        }
        let finally = if self.eat(&TokenKind::Finally) {
            match self.block() {
                Ok(block) => Some(block),
                Err(Fail) => {
                    ok = false;
                    None
                }
            }
        } else {
            None
        };
        if !ok {
            return Ok(None);
        }
        if catches.is_empty() && finally.is_none() {
            self.diags
                .error("E0108", try_span, "'try' without 'catch' or 'finally'");
        }
        let kind = StmtKind::Try {
            body,
            catches,
            finally,
        };
        Ok(Some(stmt_node(kind, self.span_from(lo))))
    }

    /// `catch ( type IDENT ) block`; after an error in the header the block still parses.
    fn catch_clause(&mut self) -> Option<ast::CatchClause> {
        let lo = self.lo();
        self.bump();
        let header = self.catch_header();
        if header.is_err() {
            self.recover_to_close(&TokenKind::RParen, true);
        }
        let body = self.block();
        let (ty, name) = header.ok()?;
        Some(ast::CatchClause {
            ty,
            name,
            body: body.ok()?,
            span: self.span_from(lo),
        })
    }

    fn catch_header(&mut self) -> PResult<(ast::TypeExpr, ast::Ident)> {
        self.expect(&TokenKind::LParen)?;
        let ty = self.parse_type()?;
        let name = self.expect_name()?;
        self.expect(&TokenKind::RParen)?;
        Ok((ty, name))
    }
}
