//! Lexer: one module's source bytes → a vector of [`Token`]s (language spec section 2).
//!
//! Consumes the raw bytes of a [`SourceFile`] (which need not be valid UTF-8) and produces
//! tokens with byte [`Span`]s. Whitespace and comments produce no tokens. Literals arrive
//! decoded: integers as `u64`, floats as `f64` (an `f`-suffixed literal holds its `f32` value
//! widened), strings as their bytes with escapes resolved.
//!
//! Invariants:
//! * the result always ends with exactly one [`TokenKind::Eof`], whose span is empty and sits
//!   at the end of the text;
//! * tokens are in source order and do not overlap;
//! * every problem is reported to the [`Diagnostics`] with a code E0001–E0006 and lexing goes
//!   on, so every lexical error in a file is reported. An invalid character produces no token;
//!   a malformed number or string still produces a literal token (with a placeholder value),
//!   so the parser does not report a second error for the same text;
//! * no input makes the lexer panic; its running time is linear in the input length.

use crate::diag::Diagnostics;
use crate::source::{SourceFile, Span};

#[cfg(test)]
mod tests;

/// One token: what it is and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// The kinds of token. Keywords and punctuation have one variant each, so the parser matches
/// them directly; `as` and `from` are plain identifiers (keywords only inside `import`, which
/// the parser knows), and so are the predeclared type names (`i32`, `string`, `array`, …).
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// `[A-Za-z_][A-Za-z0-9_]*` that is neither a keyword nor a reserved word.
    Ident(String),
    /// A decimal or hexadecimal integer literal's value.
    Int(u64),
    /// A floating-point literal; an `f`-suffixed one (`is_f32`) holds the `f32` value widened.
    Float {
        value: f64,
        is_f32: bool,
    },
    /// A string literal's bytes, escapes decoded.
    Str(Vec<u8>),
    /// A word reserved for future versions (`case default export extends function let super
    /// switch typeof var`); never a valid name (E0102).
    Reserved(&'static str),

    // Keywords (spec 2.2).
    Break,
    Catch,
    Class,
    Const,
    Constructor,
    Continue,
    Delete,
    Destructor,
    Do,
    Else,
    Enum,
    False,
    Finally,
    For,
    Format,
    If,
    Import,
    New,
    Null,
    Operator,
    Return,
    Static,
    Subtype,
    This,
    Throw,
    True,
    Try,
    While,

    // Punctuation.
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Semi,
    Comma,
    Dot,
    Question,
    Colon,

    // Operators.
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Amp,
    Pipe,
    Caret,
    Tilde,
    Bang,
    /// `=`
    Assign,
    Lt,
    Gt,
    PlusAssign,
    MinusAssign,
    StarAssign,
    SlashAssign,
    PercentAssign,
    AmpAssign,
    PipeAssign,
    CaretAssign,
    ShlAssign,
    ShrAssign,
    /// `&&=`
    AndAssign,
    /// `||=`
    OrAssign,
    EqEq,
    NotEq,
    LtEq,
    GtEq,
    /// `&&`
    AndAnd,
    /// `||`
    OrOr,
    Shl,
    Shr,
    PlusPlus,
    MinusMinus,

    /// End of input; always the last token.
    Eof,
}

impl TokenKind {
    /// The fixed spelling of a keyword, reserved word or punctuation token; None for
    /// identifiers, literals and `Eof`.
    pub fn text(&self) -> Option<&'static str> {
        use TokenKind::*;
        Some(match self {
            Ident(_) | Int(_) | Float { .. } | Str(_) | Eof => return None,
            Reserved(w) => w,
            Break => "break",
            Catch => "catch",
            Class => "class",
            Const => "const",
            Constructor => "constructor",
            Continue => "continue",
            Delete => "delete",
            Destructor => "destructor",
            Do => "do",
            Else => "else",
            Enum => "enum",
            False => "false",
            Finally => "finally",
            For => "for",
            Format => "format",
            If => "if",
            Import => "import",
            New => "new",
            Null => "null",
            Operator => "operator",
            Return => "return",
            Static => "static",
            Subtype => "subtype",
            This => "this",
            Throw => "throw",
            True => "true",
            Try => "try",
            While => "while",
            LBrace => "{",
            RBrace => "}",
            LParen => "(",
            RParen => ")",
            LBracket => "[",
            RBracket => "]",
            Semi => ";",
            Comma => ",",
            Dot => ".",
            Question => "?",
            Colon => ":",
            Plus => "+",
            Minus => "-",
            Star => "*",
            Slash => "/",
            Percent => "%",
            Amp => "&",
            Pipe => "|",
            Caret => "^",
            Tilde => "~",
            Bang => "!",
            Assign => "=",
            Lt => "<",
            Gt => ">",
            PlusAssign => "+=",
            MinusAssign => "-=",
            StarAssign => "*=",
            SlashAssign => "/=",
            PercentAssign => "%=",
            AmpAssign => "&=",
            PipeAssign => "|=",
            CaretAssign => "^=",
            ShlAssign => "<<=",
            ShrAssign => ">>=",
            AndAssign => "&&=",
            OrAssign => "||=",
            EqEq => "==",
            NotEq => "!=",
            LtEq => "<=",
            GtEq => ">=",
            AndAnd => "&&",
            OrOr => "||",
            Shl => "<<",
            Shr => ">>",
            PlusPlus => "++",
            MinusMinus => "--",
        })
    }

    /// True for the keywords of spec 2.2 (not reserved words, not `as`/`from`).
    pub fn is_keyword(&self) -> bool {
        use TokenKind::*;
        matches!(
            self,
            Break
                | Catch
                | Class
                | Const
                | Constructor
                | Continue
                | Delete
                | Destructor
                | Do
                | Else
                | Enum
                | False
                | Finally
                | For
                | Format
                | If
                | Import
                | New
                | Null
                | Operator
                | Return
                | Static
                | Subtype
                | This
                | Throw
                | True
                | Try
                | While
        )
    }

    /// A short description for diagnostics: `identifier 'x'`, `keyword 'class'`, `';'`,
    /// `integer literal`, `end of file`.
    pub fn describe(&self) -> String {
        match self {
            TokenKind::Ident(name) => format!("identifier '{name}'"),
            TokenKind::Int(_) => String::from("integer literal"),
            TokenKind::Float { .. } => String::from("floating-point literal"),
            TokenKind::Str(_) => String::from("string literal"),
            TokenKind::Eof => String::from("end of file"),
            TokenKind::Reserved(w) => format!("reserved word '{w}'"),
            k if k.is_keyword() => format!("keyword '{}'", k.text().unwrap_or("?")),
            k => format!("'{}'", k.text().unwrap_or("?")),
        }
    }
}

/// Splits `src` into tokens, reporting lexical errors (E0001–E0006) to `diags`.
/// The result always ends with [`TokenKind::Eof`].
pub fn tokenize(src: &SourceFile, diags: &mut Diagnostics) -> Vec<Token> {
    let mut lexer = Lexer {
        text: &src.text,
        pos: 0,
        tokens: Vec::new(),
        diags,
    };
    lexer.run();
    let end = offset(src.text.len());
    lexer.tokens.push(Token {
        kind: TokenKind::Eof,
        span: Span::new(end, end),
    });
    lexer.tokens
}

/// Byte offsets are `u32` in spans; a text beyond 4 GiB saturates instead of panicking.
fn offset(pos: usize) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

fn keyword(word: &[u8]) -> Option<TokenKind> {
    use TokenKind::*;
    Some(match word {
        b"break" => Break,
        b"catch" => Catch,
        b"class" => Class,
        b"const" => Const,
        b"constructor" => Constructor,
        b"continue" => Continue,
        b"delete" => Delete,
        b"destructor" => Destructor,
        b"do" => Do,
        b"else" => Else,
        b"enum" => Enum,
        b"false" => False,
        b"finally" => Finally,
        b"for" => For,
        b"format" => Format,
        b"if" => If,
        b"import" => Import,
        b"new" => New,
        b"null" => Null,
        b"operator" => Operator,
        b"return" => Return,
        b"static" => Static,
        b"subtype" => Subtype,
        b"this" => This,
        b"throw" => Throw,
        b"true" => True,
        b"try" => Try,
        b"while" => While,
        b"case" => Reserved("case"),
        b"default" => Reserved("default"),
        b"export" => Reserved("export"),
        b"extends" => Reserved("extends"),
        b"function" => Reserved("function"),
        b"let" => Reserved("let"),
        b"super" => Reserved("super"),
        b"switch" => Reserved("switch"),
        b"typeof" => Reserved("typeof"),
        b"var" => Reserved("var"),
        _ => return None,
    })
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Quotes at most 32 bytes of literal text for a message, so a 1 MB literal does not make a
/// 1 MB diagnostic.
fn quote(text: &[u8]) -> String {
    const MAX: usize = 32;
    let shown = &text[..text.len().min(MAX)];
    let mut out = String::from_utf8_lossy(shown).into_owned();
    if text.len() > MAX {
        out.push('…');
    }
    out
}

struct Lexer<'a> {
    text: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    diags: &'a mut Diagnostics,
}

impl Lexer<'_> {
    fn at(&self, pos: usize) -> u8 {
        // 0 doubles as "past the end"; a real NUL byte is rejected wherever it is looked at.
        self.text.get(pos).copied().unwrap_or(0)
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        self.tokens.push(Token {
            kind,
            span: Span::new(offset(start), offset(self.pos)),
        });
    }

    fn error(&mut self, code: &'static str, start: usize, end: usize, message: String) {
        self.diags
            .error(code, Span::new(offset(start), offset(end)), message);
    }

    fn run(&mut self) {
        while self.pos < self.text.len() {
            let b = self.text[self.pos];
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => self.pos += 1,
                b'/' if self.at(self.pos + 1) == b'/' => self.line_comment(),
                b'/' if self.at(self.pos + 1) == b'*' => self.block_comment(),
                b'0'..=b'9' => self.number(),
                b'\'' | b'"' => self.string(b),
                _ if is_ident_start(b) => self.word(),
                _ => {
                    if !self.punct() {
                        self.invalid_char();
                    }
                }
            }
        }
    }

    fn line_comment(&mut self) {
        while self.pos < self.text.len() && !matches!(self.text[self.pos], b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn block_comment(&mut self) {
        let start = self.pos;
        let body = &self.text[start + 2..];
        match body.windows(2).position(|w| w == b"*/") {
            Some(i) => self.pos = start + 2 + i + 2,
            None => {
                self.pos = self.text.len();
                self.error(
                    "E0003",
                    start,
                    start + 2,
                    String::from("unterminated block comment"),
                );
            }
        }
    }

    fn word(&mut self) {
        let start = self.pos;
        while is_ident_continue(self.at(self.pos)) {
            self.pos += 1;
        }
        let word = &self.text[start..self.pos];
        let kind = keyword(word)
            .unwrap_or_else(|| TokenKind::Ident(String::from_utf8_lossy(word).into_owned()));
        self.push(kind, start);
    }

    /// Takes the longest punctuation or operator token at `pos`; false if there is none.
    fn punct(&mut self) -> bool {
        use TokenKind::*;
        let start = self.pos;
        let (a, b, c) = (self.at(start), self.at(start + 1), self.at(start + 2));
        let three = match (a, b, c) {
            (b'<', b'<', b'=') => Some(ShlAssign),
            (b'>', b'>', b'=') => Some(ShrAssign),
            (b'&', b'&', b'=') => Some(AndAssign),
            (b'|', b'|', b'=') => Some(OrAssign),
            _ => None,
        };
        if let Some(kind) = three {
            self.pos += 3;
            self.push(kind, start);
            return true;
        }
        let two = match (a, b) {
            (b'+', b'=') => Some(PlusAssign),
            (b'-', b'=') => Some(MinusAssign),
            (b'*', b'=') => Some(StarAssign),
            (b'/', b'=') => Some(SlashAssign),
            (b'%', b'=') => Some(PercentAssign),
            (b'&', b'=') => Some(AmpAssign),
            (b'|', b'=') => Some(PipeAssign),
            (b'^', b'=') => Some(CaretAssign),
            (b'=', b'=') => Some(EqEq),
            (b'!', b'=') => Some(NotEq),
            (b'<', b'=') => Some(LtEq),
            (b'>', b'=') => Some(GtEq),
            (b'&', b'&') => Some(AndAnd),
            (b'|', b'|') => Some(OrOr),
            (b'<', b'<') => Some(Shl),
            (b'>', b'>') => Some(Shr),
            (b'+', b'+') => Some(PlusPlus),
            (b'-', b'-') => Some(MinusMinus),
            _ => None,
        };
        if let Some(kind) = two {
            self.pos += 2;
            self.push(kind, start);
            return true;
        }
        let one = match a {
            b'{' => LBrace,
            b'}' => RBrace,
            b'(' => LParen,
            b')' => RParen,
            b'[' => LBracket,
            b']' => RBracket,
            b';' => Semi,
            b',' => Comma,
            b'.' => Dot,
            b'?' => Question,
            b':' => Colon,
            b'+' => Plus,
            b'-' => Minus,
            b'*' => Star,
            b'/' => Slash,
            b'%' => Percent,
            b'&' => Amp,
            b'|' => Pipe,
            b'^' => Caret,
            b'~' => Tilde,
            b'!' => Bang,
            b'=' => Assign,
            b'<' => Lt,
            b'>' => Gt,
            _ => return false,
        };
        self.pos += 1;
        self.push(one, start);
        true
    }

    /// Reports the character at `pos` (E0001) and skips it. A well-formed UTF-8 sequence is
    /// one character, so `é` gives one error, not two.
    fn invalid_char(&mut self) {
        let start = self.pos;
        let b = self.text[start];
        let len = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 1,
        };
        let seq = self.text.get(start..start + len);
        let message = match seq.and_then(|s| std::str::from_utf8(s).ok()) {
            Some(ch) if b >= 0x80 => {
                self.pos += len;
                format!("non-ASCII character '{ch}' outside a string or comment")
            }
            _ => {
                self.pos += 1;
                if b == 0 {
                    String::from("NUL byte in source text")
                } else if b >= 0x80 {
                    format!("invalid byte 0x{b:02X} (source text must be UTF-8)")
                } else if b.is_ascii_graphic() {
                    format!("invalid character '{}'", b as char)
                } else {
                    format!("invalid control character 0x{b:02X}")
                }
            }
        };
        self.error("E0001", start, self.pos, message);
    }

    fn hex_digit(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }

    /// Consumes the rest of an identifier-like run glued to a number, so `12ab` is one bad
    /// token rather than `12` followed by `ab`.
    fn skip_glued(&mut self) {
        while is_ident_continue(self.at(self.pos)) {
            self.pos += 1;
        }
    }

    fn malformed_number(&mut self, start: usize, why: &str) {
        self.skip_glued();
        let text = &self.text[start..self.pos];
        let message = format!("malformed number literal '{}': {why}", quote(text));
        self.error("E0006", start, self.pos, message);
        self.push(TokenKind::Int(0), start);
    }

    fn number(&mut self) {
        let start = self.pos;
        if self.at(start) == b'0' && matches!(self.at(start + 1), b'x' | b'X') {
            self.hex_number(start);
            return;
        }
        while self.at(self.pos).is_ascii_digit() {
            self.pos += 1;
        }
        let mut is_float = false;
        // `5.toFixed(2)`: a dot not followed by a digit ends the number.
        if self.at(self.pos) == b'.' && self.at(self.pos + 1).is_ascii_digit() {
            is_float = true;
            self.pos += 1;
            while self.at(self.pos).is_ascii_digit() {
                self.pos += 1;
            }
        }
        if matches!(self.at(self.pos), b'e' | b'E') {
            self.pos += 1;
            if matches!(self.at(self.pos), b'+' | b'-') {
                self.pos += 1;
            }
            if !self.at(self.pos).is_ascii_digit() {
                self.malformed_number(start, "the exponent has no digits");
                return;
            }
            while self.at(self.pos).is_ascii_digit() {
                self.pos += 1;
            }
            is_float = true;
        }
        let digits_end = self.pos;
        let is_f32 = self.at(self.pos) == b'f';
        if is_f32 {
            self.pos += 1;
        }
        if is_ident_continue(self.at(self.pos)) {
            let why = if is_f32 {
                "invalid suffix"
            } else {
                "invalid digit or suffix"
            };
            self.malformed_number(start, why);
            return;
        }
        // The text is ASCII digits, '.', 'e', signs: always valid UTF-8.
        let text = std::str::from_utf8(&self.text[start..digits_end]).unwrap_or("0");
        if is_f32 || is_float {
            self.float(start, text, is_f32);
        } else {
            self.decimal(start, text);
        }
    }

    fn decimal(&mut self, start: usize, text: &str) {
        let mut value: u64 = 0;
        let mut overflow = false;
        for d in text.bytes() {
            match value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d - b'0')))
            {
                Some(v) => value = v,
                None => {
                    overflow = true;
                    break;
                }
            }
        }
        if overflow {
            let message = format!(
                "integer literal '{}' is too large (the maximum is 18446744073709551615)",
                quote(text.as_bytes())
            );
            self.error("E0005", start, self.pos, message);
            value = 0;
        }
        self.push(TokenKind::Int(value), start);
    }

    fn float(&mut self, start: usize, text: &str, is_f32: bool) {
        // Parse f32 literals directly as f32: going through f64 could round twice.
        let value = if is_f32 {
            text.parse::<f32>().map(f64::from)
        } else {
            text.parse::<f64>()
        };
        match value {
            Ok(v) if v.is_finite() => self.push(TokenKind::Float { value: v, is_f32 }, start),
            _ => {
                let ty = if is_f32 { "f32" } else { "f64" };
                let message = format!(
                    "malformed number literal '{}': the value is too large for {ty}",
                    quote(&self.text[start..self.pos])
                );
                self.error("E0006", start, self.pos, message);
                self.push(TokenKind::Float { value: 0.0, is_f32 }, start);
            }
        }
    }

    fn hex_number(&mut self, start: usize) {
        self.pos = start + 2;
        let mut value: u64 = 0;
        let mut overflow = false;
        let mut count = 0usize;
        while let Some(d) = Self::hex_digit(self.at(self.pos)) {
            count += 1;
            match value
                .checked_mul(16)
                .and_then(|v| v.checked_add(u64::from(d)))
            {
                Some(v) => value = v,
                None => overflow = true,
            }
            self.pos += 1;
        }
        if is_ident_continue(self.at(self.pos)) {
            self.malformed_number(start, "invalid hexadecimal digit");
            return;
        }
        if count == 0 {
            self.malformed_number(start, "'0x' without digits");
            return;
        }
        if overflow {
            let message = format!(
                "integer literal '{}' is too large (the maximum is 0xFFFFFFFFFFFFFFFF)",
                quote(&self.text[start..self.pos])
            );
            self.error("E0005", start, self.pos, message);
            value = 0;
        }
        self.push(TokenKind::Int(value), start);
    }

    /// A string literal delimited by `quote`; it must end on its own line (E0002).
    fn string(&mut self, quote_char: u8) {
        let start = self.pos;
        self.pos += 1;
        let mut bytes = Vec::new();
        loop {
            let Some(&b) = self.text.get(self.pos) else {
                self.unterminated_string(start);
                break;
            };
            match b {
                b'\n' | b'\r' => {
                    self.unterminated_string(start);
                    break;
                }
                _ if b == quote_char => {
                    self.pos += 1;
                    break;
                }
                b'\\' => self.escape(&mut bytes),
                0 => {
                    self.error(
                        "E0001",
                        self.pos,
                        self.pos + 1,
                        String::from("NUL byte in string literal (write '\\0')"),
                    );
                    self.pos += 1;
                }
                _ => {
                    bytes.push(b);
                    self.pos += 1;
                }
            }
        }
        self.push(TokenKind::Str(bytes), start);
    }

    fn unterminated_string(&mut self, start: usize) {
        self.error(
            "E0002",
            start,
            self.pos,
            String::from("unterminated string literal (strings must end on the line they start)"),
        );
    }

    /// Decodes the escape at `pos` (a backslash) into `out`, reporting E0004 if it is not
    /// one of `\n \t \r \0 \\ \' \" \xHH`. A backslash at the end of a line leaves the line
    /// end alone, so the string is reported as unterminated.
    fn escape(&mut self, out: &mut Vec<u8>) {
        let start = self.pos;
        self.pos += 1;
        let c = match self.text.get(self.pos) {
            None | Some(b'\n' | b'\r') => return,
            Some(&c) => c,
        };
        self.pos += 1;
        let value = match c {
            b'n' => b'\n',
            b't' => b'\t',
            b'r' => b'\r',
            b'0' => 0,
            b'\\' => b'\\',
            b'\'' => b'\'',
            b'"' => b'"',
            b'x' => {
                let hi = Self::hex_digit(self.at(self.pos));
                let lo = hi.and_then(|_| Self::hex_digit(self.at(self.pos + 1)));
                match (hi, lo) {
                    (Some(h), Some(l)) => {
                        self.pos += 2;
                        h * 16 + l
                    }
                    _ => {
                        if hi.is_some() {
                            self.pos += 1;
                        }
                        self.error(
                            "E0004",
                            start,
                            self.pos,
                            String::from("invalid escape: '\\x' needs exactly two hex digits"),
                        );
                        return;
                    }
                }
            }
            _ => {
                let shown = if c.is_ascii_graphic() || c == b' ' {
                    format!("'\\{}'", c as char)
                } else {
                    format!("'\\' followed by byte 0x{c:02X}")
                };
                self.error(
                    "E0004",
                    start,
                    self.pos,
                    format!("invalid escape sequence {shown}"),
                );
                return;
            }
        };
        out.push(value);
    }
}
