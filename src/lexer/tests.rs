//! Lexer tests: every literal form, every operator, every lexical error code.

use super::TokenKind::*;
use super::*;

fn lex(text: &[u8]) -> (Vec<TokenKind>, Vec<&'static str>) {
    let src = SourceFile::new("t", text);
    let mut diags = Diagnostics::new(src.clone());
    let toks = tokenize(&src, &mut diags);
    assert_eq!(toks.last().map(|t| &t.kind), Some(&Eof));
    let codes = diags.items.iter().map(|d| d.code).collect();
    (toks.into_iter().map(|t| t.kind).collect(), codes)
}

/// Tokens of an input that must lex without errors, `Eof` dropped.
fn ok(text: &str) -> Vec<TokenKind> {
    let (mut kinds, codes) = lex(text.as_bytes());
    assert!(codes.is_empty(), "unexpected errors {codes:?} for {text:?}");
    kinds.pop();
    kinds
}

fn codes(text: &[u8]) -> Vec<&'static str> {
    lex(text).1
}

fn id(s: &str) -> TokenKind {
    Ident(s.to_string())
}

fn f64v(value: f64) -> TokenKind {
    Float {
        value,
        is_f32: false,
    }
}

fn f32v(value: f32) -> TokenKind {
    Float {
        value: f64::from(value),
        is_f32: true,
    }
}

#[test]
fn empty_input_is_just_eof() {
    assert_eq!(lex(b"").0, vec![Eof]);
    assert_eq!(lex(b"  \t\n\r\n\x0b\x0c ").0, vec![Eof]);
}

#[test]
fn eof_span_is_at_end() {
    let src = SourceFile::new("t", "a ");
    let mut diags = Diagnostics::new(src.clone());
    let toks = tokenize(&src, &mut diags);
    assert_eq!(toks[0].span, Span::new(0, 1));
    assert_eq!(toks[1].span, Span::new(2, 2));
}

#[test]
fn identifiers_keywords_reserved() {
    assert_eq!(
        ok("foo _bar x9 i32 as from class subtype var"),
        vec![
            id("foo"),
            id("_bar"),
            id("x9"),
            id("i32"),
            id("as"),
            id("from"),
            Class,
            Subtype,
            Reserved("var"),
        ]
    );
    for kw in [
        "break",
        "catch",
        "class",
        "const",
        "constructor",
        "continue",
        "delete",
        "destructor",
        "do",
        "else",
        "enum",
        "false",
        "finally",
        "for",
        "format",
        "if",
        "import",
        "new",
        "null",
        "operator",
        "return",
        "static",
        "subtype",
        "this",
        "throw",
        "true",
        "try",
        "while",
    ] {
        let toks = ok(kw);
        assert!(toks[0].is_keyword(), "{kw}");
        assert_eq!(toks[0].text(), Some(kw));
    }
    for w in [
        "case", "default", "export", "extends", "function", "let", "super", "switch", "typeof",
        "var",
    ] {
        assert_eq!(ok(w), vec![Reserved(w)]);
    }
    assert_eq!(ok("classy"), vec![id("classy")]);
}

#[test]
fn every_operator_longest_match() {
    let text = "{ } ( ) [ ] ; , . ? : + - * / % & | ^ ~ ! = < > += -= *= /= %= &= |= ^= <<= >>= &&= ||= == != <= >= && || << >> ++ --";
    let toks = ok(text);
    let spelled: Vec<&str> = toks.iter().map(|t| t.text().unwrap()).collect();
    assert_eq!(spelled.join(" "), text);
    assert_eq!(ok("a<<=b"), vec![id("a"), ShlAssign, id("b")]);
    assert_eq!(ok(">>>"), vec![Shr, Gt]);
    assert_eq!(ok("+++"), vec![PlusPlus, Plus]);
    assert_eq!(ok("&&&"), vec![AndAnd, Amp]);
    assert_eq!(ok("a-->b"), vec![id("a"), MinusMinus, Gt, id("b")]);
}

#[test]
fn decimal_and_hex_integers() {
    assert_eq!(ok("0 42 007"), vec![Int(0), Int(42), Int(7)]);
    assert_eq!(ok("0x1F 0XFF 0xff"), vec![Int(31), Int(255), Int(255)]);
    assert_eq!(ok("2147483647"), vec![Int(2147483647)]);
    assert_eq!(ok("18446744073709551615"), vec![Int(u64::MAX)]);
    assert_eq!(ok("0xFFFFFFFFFFFFFFFF"), vec![Int(u64::MAX)]);
    assert_eq!(ok("0x0000000000000000001"), vec![Int(1)]);
}

#[test]
fn float_forms() {
    assert_eq!(ok("1.5"), vec![f64v(1.5)]);
    assert_eq!(ok("1.5e3"), vec![f64v(1500.0)]);
    assert_eq!(ok("2e-4"), vec![f64v(2e-4)]);
    assert_eq!(ok("1E+10"), vec![f64v(1e10)]);
    assert_eq!(ok("007.5"), vec![f64v(7.5)]);
    assert_eq!(ok("0.1"), vec![f64v(0.1)]);
}

#[test]
fn f32_literals_parse_directly_as_f32() {
    assert_eq!(ok("1.5f"), vec![f32v(1.5)]);
    assert_eq!(ok("1e3f"), vec![f32v(1000.0)]);
    assert_eq!(ok("2f"), vec![f32v(2.0)]);
    assert_eq!(ok("0.1f"), vec![f32v(0.1)]);
    // Just above 1 + 2^-24, the midpoint between 1.0f and the next f32: parsed directly it
    // rounds up, but rounded to f64 first it becomes the midpoint and ties to even 1.0f.
    let digits = "1.00000005960464477539062501";
    let via_f64 = digits.parse::<f64>().unwrap() as f32;
    assert_eq!(via_f64, 1.0);
    let text = format!("{digits}f");
    assert_eq!(ok(&text), vec![f32v(1.0 + f32::EPSILON)]);
}

#[test]
fn dot_without_digit_ends_number() {
    assert_eq!(
        ok("5.toFixed(2)"),
        vec![Int(5), Dot, id("toFixed"), LParen, Int(2), RParen]
    );
    assert_eq!(ok("1.5.x"), vec![f64v(1.5), Dot, id("x")]);
    assert_eq!(ok(".5"), vec![Dot, Int(5)]);
}

#[test]
fn strings_and_escapes() {
    assert_eq!(ok("'abc'"), vec![Str(b"abc".to_vec())]);
    assert_eq!(ok("\"it's\""), vec![Str(b"it's".to_vec())]);
    assert_eq!(ok("'say \"hi\"'"), vec![Str(b"say \"hi\"".to_vec())]);
    assert_eq!(
        ok(r#"'\n\t\r\0\\\'\"\x41\xfF'"#),
        vec![Str(b"\n\t\r\0\\'\"A\xff".to_vec())]
    );
    assert_eq!(ok("''"), vec![Str(Vec::new())]);
    assert_eq!(ok("'h\u{e9}'"), vec![Str("h\u{e9}".as_bytes().to_vec())]);
    assert_eq!(
        ok("'/* not */ // a comment'"),
        vec![Str(b"/* not */ // a comment".to_vec())]
    );
}

#[test]
fn comments_are_whitespace() {
    assert_eq!(
        ok("i32 b = /* inline */ 6; // the rest\nx"),
        vec![id("i32"), id("b"), Assign, Int(6), Semi, id("x")]
    );
    assert_eq!(ok("a/**/b"), vec![id("a"), id("b")]);
    assert_eq!(ok("/* a\n b */c // é\rd"), vec![id("c"), id("d")]);
    assert_eq!(ok("/* /* */ x"), vec![id("x")]);
    assert_eq!(ok("a / b"), vec![id("a"), Slash, id("b")]);
}

#[test]
fn e0001_invalid_characters() {
    assert_eq!(codes(b"a @ b"), vec!["E0001"]);
    assert_eq!(codes(b"# $ `"), vec!["E0001"; 3]);
    assert_eq!(codes("x = \u{e9};".as_bytes()), vec!["E0001"]);
    assert_eq!(codes("\u{1F600}".as_bytes()), vec!["E0001"]);
    assert_eq!(codes(b"a\0b"), vec!["E0001"]);
    assert_eq!(codes(b"\xff\xfe"), vec!["E0001", "E0001"]);
    assert_eq!(codes(b"'a\0b'"), vec!["E0001"]);
    assert_eq!(codes(b"\\"), vec!["E0001"]);
    // Lexing goes on after the bad character.
    let (kinds, _) = lex(b"a @ b");
    assert_eq!(kinds, vec![id("a"), id("b"), Eof]);
}

#[test]
fn e0002_unterminated_strings() {
    assert_eq!(codes(b"'abc"), vec!["E0002"]);
    assert_eq!(codes(b"'abc\nx'"), vec!["E0002", "E0002"]);
    assert_eq!(codes(b"\"abc\r\n"), vec!["E0002"]);
    assert_eq!(codes(b"'abc\\"), vec!["E0002"]);
    assert_eq!(codes(b"'abc\\\n"), vec!["E0002"]);
    let (kinds, _) = lex(b"'ab\nc");
    assert_eq!(kinds, vec![Str(b"ab".to_vec()), id("c"), Eof]);
}

#[test]
fn e0003_unterminated_block_comment() {
    assert_eq!(codes(b"a /* never closed"), vec!["E0003"]);
    assert_eq!(codes(b"/*/"), vec!["E0003"]);
    let src = SourceFile::new("t", "x /* y");
    let mut diags = Diagnostics::new(src.clone());
    tokenize(&src, &mut diags);
    assert_eq!(diags.items[0].span, Span::new(2, 4));
}

#[test]
fn e0004_bad_escapes() {
    assert_eq!(codes(br"'\q'"), vec!["E0004"]);
    assert_eq!(codes(br"'\x4'"), vec!["E0004"]);
    assert_eq!(codes(br"'\xg1'"), vec!["E0004"]);
    assert_eq!(codes(br"'\u0041'"), vec!["E0004"]);
    assert_eq!(codes(br"'\a\b'"), vec!["E0004", "E0004"]);
    // The string token survives without the bad escape.
    let (kinds, _) = lex(br"'a\qb'");
    assert_eq!(kinds, vec![Str(b"ab".to_vec()), Eof]);
}

#[test]
fn e0005_integer_too_large() {
    assert_eq!(codes(b"18446744073709551616"), vec!["E0005"]);
    assert_eq!(codes(b"0x10000000000000000"), vec!["E0005"]);
    assert_eq!(codes(b"99999999999999999999999999 1"), vec!["E0005"]);
    let (kinds, _) = lex(b"99999999999999999999999999 1");
    assert_eq!(kinds.len(), 3);
}

#[test]
fn e0006_malformed_numbers() {
    for bad in [
        "12ab", "0x", "0xg", "0x1G", "1e", "1e+", "1.5e+", "1.5e-x", "2fx", "1.5ff", "1.5q",
        "1e400", "1e39f", "3_0",
    ] {
        assert_eq!(codes(bad.as_bytes()), vec!["E0006"], "{bad}");
        // One placeholder literal, so the parser sees one operand.
        assert_eq!(lex(bad.as_bytes()).0.len(), 2, "{bad}");
    }
    assert_eq!(codes(b"1e308 3.4e38f"), Vec::<&str>::new());
}

#[test]
fn every_error_is_reported() {
    assert_eq!(
        codes(b"@ 'a\\q' 1e 99999999999999999999 /*"),
        vec!["E0001", "E0004", "E0006", "E0005", "E0003"]
    );
}

#[test]
fn spans_are_byte_ranges() {
    let src = SourceFile::new("t", "ab  'x\\n' 1.5f >>=");
    let mut diags = Diagnostics::new(src.clone());
    let toks = tokenize(&src, &mut diags);
    let spans: Vec<(u32, u32)> = toks.iter().map(|t| (t.span.lo, t.span.hi)).collect();
    assert_eq!(spans, vec![(0, 2), (4, 9), (10, 14), (15, 18), (18, 18)]);
}

#[test]
fn never_panics_on_hostile_input() {
    let long_digits = "9".repeat(1 << 20);
    let long_float = format!("1.{}e5", "3".repeat(1 << 20));
    let long_line = "a".repeat(1 << 20);
    for text in [
        long_digits.as_bytes(),
        long_float.as_bytes(),
        long_line.as_bytes(),
        b"\xf0\x9f\x98",
        b"\xc3",
        b"'\\x",
        b"0x",
        b"1e",
        b"'",
        b"/*",
        b"\0\0\0",
    ] {
        let _ = lex(text);
    }
    assert_eq!(codes(long_digits.as_bytes()), vec!["E0005"]);
    assert_eq!(codes(long_float.as_bytes()), Vec::<&str>::new());
}
