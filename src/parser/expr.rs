//! Expressions (spec 2.4 precedence table, section 4).
//!
//! Assignment and `?:` are right-associative and parsed by recursion (each level counted
//! against the nesting limit); the binary levels 3–12 by precedence climbing, which
//! recurses only when precedence rises, so `a + b + … + z` is a loop. Prefix operators bind
//! tighter than every binary operator and postfix forms tighter still.
//!
//! Stack economy: the functions on the recursive path (`expr` → … → `primary` → `(` →
//! `expr`) pass `Box<Expr>` around and build nodes in small out-of-line helpers, so each
//! nesting level costs a few hundred bytes of stack even in unoptimised builds and
//! [`MAX_DEPTH`](super::MAX_DEPTH) levels fit comfortably in a small thread stack.

use super::{Construct, Fail, PResult, Parser};
use crate::ast::{self, BinOp, Expr, ExprKind, UnOp};
use crate::lexer::TokenKind;
use crate::source::Span;

/// Binary operators with their level in the spec 2.4 table (3 lowest, 12 highest).
fn binary_op(kind: &TokenKind) -> Option<(BinOp, u8)> {
    use TokenKind as T;
    Some(match kind {
        T::OrOr => (BinOp::Or, 3),
        T::AndAnd => (BinOp::And, 4),
        T::Pipe => (BinOp::BitOr, 5),
        T::Caret => (BinOp::BitXor, 6),
        T::Amp => (BinOp::BitAnd, 7),
        T::EqEq => (BinOp::Eq, 8),
        T::NotEq => (BinOp::Ne, 8),
        T::Lt => (BinOp::Lt, 9),
        T::LtEq => (BinOp::Le, 9),
        T::Gt => (BinOp::Gt, 9),
        T::GtEq => (BinOp::Ge, 9),
        T::Shl => (BinOp::Shl, 10),
        T::Shr => (BinOp::Shr, 10),
        T::Plus => (BinOp::Add, 11),
        T::Minus => (BinOp::Sub, 11),
        T::Star => (BinOp::Mul, 12),
        T::Slash => (BinOp::Div, 12),
        T::Percent => (BinOp::Rem, 12),
        _ => return None,
    })
}

/// Assignment operators: `=` (None) and the compound ones.
fn assign_op(kind: &TokenKind) -> Option<Option<BinOp>> {
    use TokenKind as T;
    Some(match kind {
        T::Assign => None,
        T::PlusAssign => Some(BinOp::Add),
        T::MinusAssign => Some(BinOp::Sub),
        T::StarAssign => Some(BinOp::Mul),
        T::SlashAssign => Some(BinOp::Div),
        T::PercentAssign => Some(BinOp::Rem),
        T::ShlAssign => Some(BinOp::Shl),
        T::ShrAssign => Some(BinOp::Shr),
        T::AmpAssign => Some(BinOp::BitAnd),
        T::CaretAssign => Some(BinOp::BitXor),
        T::PipeAssign => Some(BinOp::BitOr),
        T::AndAssign => Some(BinOp::And),
        T::OrAssign => Some(BinOp::Or),
        _ => return None,
    })
}

// Node builders, kept out of line so their temporaries live in their own short frames.

#[inline(never)]
fn node(kind: ExprKind, span: Span) -> Box<Expr> {
    Box::new(Expr { kind, span })
}

#[inline(never)]
fn assign_node(op: Option<BinOp>, op_span: Span, target: Box<Expr>, value: Box<Expr>) -> Box<Expr> {
    let span = target.span.to(value.span);
    node(
        ExprKind::Assign {
            op,
            op_span,
            target,
            value,
        },
        span,
    )
}

#[inline(never)]
fn cond_node(cond: Box<Expr>, then: Box<Expr>, otherwise: Box<Expr>) -> Box<Expr> {
    let span = cond.span.to(otherwise.span);
    node(
        ExprKind::Cond {
            cond,
            then,
            otherwise,
        },
        span,
    )
}

#[inline(never)]
fn binary_node(op: BinOp, op_span: Span, lhs: Box<Expr>, rhs: Box<Expr>) -> Box<Expr> {
    let span = lhs.span.to(rhs.span);
    node(
        ExprKind::Binary {
            op,
            op_span,
            lhs,
            rhs,
        },
        span,
    )
}

#[inline(never)]
fn prefix_node(op: &TokenKind, operand: Box<Expr>, span: Span) -> Box<Expr> {
    let kind = match op {
        TokenKind::PlusPlus | TokenKind::MinusMinus => ExprKind::IncDec {
            increment: *op == TokenKind::PlusPlus,
            prefix: true,
            operand,
        },
        TokenKind::Bang => ExprKind::Unary {
            op: UnOp::Not,
            operand,
        },
        TokenKind::Tilde => ExprKind::Unary {
            op: UnOp::BitNot,
            operand,
        },
        TokenKind::Plus => ExprKind::Unary {
            op: UnOp::Plus,
            operand,
        },
        _ => ExprKind::Unary {
            op: UnOp::Neg,
            operand,
        },
    };
    node(kind, span)
}

#[inline(never)]
fn member_node(object: Box<Expr>, name: ast::Ident, span: Span) -> Box<Expr> {
    node(ExprKind::Member { object, name }, span)
}

#[inline(never)]
fn index_node(object: Box<Expr>, index: Box<Expr>, span: Span) -> Box<Expr> {
    node(ExprKind::Index { object, index }, span)
}

#[inline(never)]
fn call_node(callee: Box<Expr>, args: Vec<Expr>, span: Span) -> Box<Expr> {
    node(ExprKind::Call { callee, args }, span)
}

#[inline(never)]
fn postfix_incdec_node(operand: Box<Expr>, increment: bool, span: Span) -> Box<Expr> {
    node(
        ExprKind::IncDec {
            increment,
            prefix: false,
            operand,
        },
        span,
    )
}

impl Parser<'_> {
    /// A full expression (level 1: assignment), one nesting level deeper.
    pub(super) fn expr(&mut self) -> PResult<Box<Expr>> {
        self.enter(Construct::Expr)?;
        let result = self.assignment();
        self.leave();
        result
    }

    fn assignment(&mut self) -> PResult<Box<Expr>> {
        let target = self.conditional()?;
        let Some(op) = assign_op(self.kind()) else {
            return Ok(target);
        };
        let op_span = self.span();
        self.bump();
        let value = self.expr()?;
        Ok(assign_node(op, op_span, target, value))
    }

    /// Level 2: `c ? a : b`. The middle is a full expression (as in C); the last branch is
    /// another conditional, so `x ? y : z ? w : v` nests to the right.
    fn conditional(&mut self) -> PResult<Box<Expr>> {
        let cond = self.binary(3)?;
        if !self.eat(&TokenKind::Question) {
            return Ok(cond);
        }
        let then = self.expr()?;
        self.expect(&TokenKind::Colon)?;
        self.enter(Construct::Expr)?;
        let otherwise = self.conditional();
        self.leave();
        Ok(cond_node(cond, then, otherwise?))
    }

    /// Levels 3–12 by precedence climbing: operators at `min_level` or above.
    ///
    /// A chain `a + b + … + z` is parsed by a loop but builds a tree as deep as it is long
    /// (`(a + b) + c`), and later phases recurse over that tree, so every operator counts
    /// one level against the nesting limit until the chain ends.
    fn binary(&mut self, min_level: u8) -> PResult<Box<Expr>> {
        let mut lhs = self.unary()?;
        let base = self.depth;
        let result = loop {
            let Some((op, level)) = binary_op(self.kind()) else {
                break Ok(lhs);
            };
            if level < min_level {
                break Ok(lhs);
            }
            if self.enter(Construct::Expr).is_err() {
                break Err(Fail);
            }
            let op_span = self.span();
            self.bump();
            match self.binary(level + 1) {
                Ok(rhs) => lhs = binary_node(op, op_span, lhs, rhs),
                Err(Fail) => break Err(Fail),
            }
        };
        self.depth = base;
        result
    }

    /// Level 13: prefix `! ~ - + ++ --`.
    fn unary(&mut self) -> PResult<Box<Expr>> {
        if !matches!(
            self.kind(),
            TokenKind::Bang
                | TokenKind::Tilde
                | TokenKind::Minus
                | TokenKind::Plus
                | TokenKind::PlusPlus
                | TokenKind::MinusMinus
        ) {
            return self.postfix();
        }
        let lo = self.lo();
        let op = self.kind().clone();
        self.bump();
        self.enter(Construct::Expr)?;
        let operand = self.unary();
        self.leave();
        let operand = operand?;
        Ok(prefix_node(&op, operand, self.span_from(lo)))
    }

    /// Level 14: a primary followed by any chain of `.name`, `[i]`, `(args)`, `++`, `--`.
    /// Like a binary chain, each link nests the tree one level deeper and counts against
    /// the nesting limit until the chain ends.
    fn postfix(&mut self) -> PResult<Box<Expr>> {
        let expr = self.primary()?;
        let base = self.depth;
        let result = self.postfix_chain(expr);
        self.depth = base;
        result
    }

    fn postfix_chain(&mut self, mut expr: Box<Expr>) -> PResult<Box<Expr>> {
        loop {
            if !matches!(
                self.kind(),
                TokenKind::Dot
                    | TokenKind::LBracket
                    | TokenKind::LParen
                    | TokenKind::PlusPlus
                    | TokenKind::MinusMinus
            ) {
                return Ok(expr);
            }
            self.enter(Construct::Expr)?;
            let lo = expr.span.lo;
            expr = match self.kind() {
                TokenKind::Dot => {
                    self.bump();
                    let name = self.expect_name()?;
                    member_node(expr, name, self.span_from(lo))
                }
                TokenKind::LBracket => {
                    self.bump();
                    let index = self.expr_then(&TokenKind::RBracket)?;
                    index_node(expr, index, self.span_from(lo))
                }
                TokenKind::LParen => {
                    let args = self.args()?;
                    call_node(expr, args, self.span_from(lo))
                }
                _ => {
                    let increment = self.at(&TokenKind::PlusPlus);
                    self.bump();
                    postfix_incdec_node(expr, increment, self.span_from(lo))
                }
            };
        }
    }

    /// An expression followed by `close`, after the opening bracket. After an error, skips
    /// to and past `close` before failing, so every enclosing bracket finds its own closer.
    fn expr_then(&mut self, close: &TokenKind) -> PResult<Box<Expr>> {
        let result = self.expr();
        if let Ok(expr) = result {
            if self.eat(close) {
                return Ok(expr);
            }
            self.expected_closer(close);
        }
        self.recover_to_close(close, true);
        Err(Fail)
    }

    fn expected_closer(&mut self, close: &TokenKind) {
        let what = format!("'{}'", close.text().unwrap_or("?"));
        self.expected("E0104", &what);
    }

    /// `( [arg {, arg}] )` where an argument is an expression or an object literal. After
    /// an error the list is skipped up to its `)`.
    pub(super) fn args(&mut self) -> PResult<Vec<Expr>> {
        self.expect(&TokenKind::LParen)?;
        let mut args = Vec::new();
        if self.eat(&TokenKind::RParen) {
            return Ok(args);
        }
        loop {
            let arg = if self.at(&TokenKind::LBrace) {
                self.object_literal()
            } else {
                self.expr()
            };
            let Ok(arg) = arg else {
                break;
            };
            args.push(*arg);
            if self.eat(&TokenKind::Comma) {
                continue;
            }
            if self.eat(&TokenKind::RParen) {
                return Ok(args);
            }
            self.expected("E0104", "',' or ')'");
            break;
        }
        self.recover_to_close(&TokenKind::RParen, true);
        Err(Fail)
    }

    /// `{ [name: expr {, name: expr} [,]] }`, the argument of `T({ … })` and `new T({ … })`.
    /// After an error it is skipped up to its `}`.
    fn object_literal(&mut self) -> PResult<Box<Expr>> {
        let lo = self.lo();
        self.bump();
        let mut fields = Vec::new();
        loop {
            if self.eat(&TokenKind::RBrace) {
                return Ok(node(ExprKind::ObjectLit(fields), self.span_from(lo)));
            }
            let Ok(field) = self.field_init() else {
                break;
            };
            fields.push(field);
            if !self.eat(&TokenKind::Comma) && !self.at(&TokenKind::RBrace) {
                self.expected("E0104", "',' or '}'");
                break;
            }
        }
        self.recover_to_close(&TokenKind::RBrace, true);
        Err(Fail)
    }

    fn field_init(&mut self) -> PResult<ast::FieldInit> {
        let name = self.expect_name()?;
        self.expect(&TokenKind::Colon)?;
        let value = *self.expr()?;
        Ok(ast::FieldInit { name, value })
    }

    fn primary(&mut self) -> PResult<Box<Expr>> {
        match self.kind() {
            TokenKind::LParen => self.paren(),
            TokenKind::New => self.new_expr(),
            TokenKind::Ident(_) => Ok(self.name_or_type_app()),
            _ => self.literal(),
        }
    }

    /// `( expr )`. The parentheses become part of the expression's span, for diagnostics.
    fn paren(&mut self) -> PResult<Box<Expr>> {
        let lo = self.lo();
        self.bump();
        let mut inner = self.expr_then(&TokenKind::RParen)?;
        inner.span = self.span_from(lo);
        Ok(inner)
    }

    /// Literals, `this`, `null`, `subtype`, and the errors for anything else.
    #[inline(never)]
    fn literal(&mut self) -> PResult<Box<Expr>> {
        let span = self.span();
        let kind = match self.kind() {
            TokenKind::Int(v) => ExprKind::Int(*v),
            TokenKind::Float { value, is_f32 } => ExprKind::Float {
                value: *value,
                is_f32: *is_f32,
            },
            TokenKind::Str(bytes) => ExprKind::Str(bytes.clone()),
            TokenKind::True => ExprKind::Bool(true),
            TokenKind::False => ExprKind::Bool(false),
            TokenKind::Null => ExprKind::Null,
            TokenKind::This => ExprKind::This,
            // `subtype(x)` converts to the template argument inside a template.
            TokenKind::Subtype => ExprKind::Name(ast::Ident {
                name: String::from("subtype"),
                span,
            }),
            TokenKind::Reserved(w) => {
                let message = format!("'{w}' is a reserved word and cannot be used as a name");
                self.error_here("E0102", message);
                return Err(Fail);
            }
            _ => {
                self.expected("E0101", "an expression");
                return Err(Fail);
            }
        };
        self.bump();
        Ok(node(kind, span))
    }

    /// A name, or the template instance `Name<T>` if `<`, a type and `>` follow and then
    /// `(` or `.`; otherwise the `<` is a less-than and is left alone.
    #[inline(never)]
    fn name_or_type_app(&mut self) -> Box<Expr> {
        let span = self.span();
        let name = match self.kind() {
            TokenKind::Ident(name) => name.clone(),
            _ => String::new(),
        };
        let name = ast::Ident { name, span };
        self.bump();
        if self.at(&TokenKind::Lt) {
            let start = self.mark();
            self.bump();
            if let Ok(arg) = self.try_type(true) {
                if self.eat_type_close()
                    && matches!(self.kind(), TokenKind::LParen | TokenKind::Dot)
                {
                    return node(ExprKind::TypeApp { name, arg }, self.span_from(span.lo));
                }
            }
            self.rewind(start);
        }
        node(ExprKind::Name(name), span)
    }

    /// `new T(args)`, `new T({ … })` or `new T`.
    #[inline(never)]
    fn new_expr(&mut self) -> PResult<Box<Expr>> {
        let lo = self.lo();
        self.bump();
        let ty = self.parse_type_with(false)?;
        let args = if self.at(&TokenKind::LParen) {
            Some(self.args()?)
        } else {
            None
        };
        Ok(node(ExprKind::New { ty, args }, self.span_from(lo)))
    }
}
