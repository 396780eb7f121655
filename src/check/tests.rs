//! Checker unit tests: literal typing, conversions, overload ranking, error codes and
//! the all-paths-return rule, observed on the checked tree and the diagnostics.

use super::hir::{ExprKind, Stmt};
use super::types::TypeId;
use super::{CheckedModule, Program, check_module};
use crate::diag::Diagnostics;
use crate::parser::parse_module;
use crate::source::SourceFile;
use std::collections::HashMap;

fn check(src: &str) -> (Program, CheckedModule, Vec<&'static str>) {
    let file = SourceFile::new("t", src);
    let mut diags = Diagnostics::new(file.clone());
    let module = parse_module(&file, &mut diags);
    let mut program = Program::default();
    let checked = check_module(&mut program, "t", &module, &HashMap::new(), &mut diags);
    let codes = diags.items.iter().map(|d| d.code).collect();
    (program, checked, codes)
}

fn codes(src: &str) -> Vec<&'static str> {
    check(src).2
}

/// The declaration of the overload `k` picks for `arg` (one overload per type).
fn literal_type(arg: &str) -> String {
    let src = format!(
        "i32 k(i32 v) {{ return 0; }} i32 k(i64 v) {{ return 0; }} i32 k(u64 v) {{ return 0; }}
         i32 k(f32 v) {{ return 0; }} i32 k(f64 v) {{ return 0; }} i32 r = k({arg});"
    );
    let (p, m, codes) = check(&src);
    assert!(codes.is_empty(), "{codes:?}");
    let init = m.functions.last().expect("__init__");
    match &init.body.stmts[0] {
        Stmt::InitGlobal { init: Some(e), .. } => match &e.kind {
            ExprKind::Call { func, .. } => p.signature(*func),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn integer_literals_take_the_first_type_that_holds_them() {
    assert_eq!(literal_type("2147483647"), "i32 k(i32)");
    assert_eq!(literal_type("0x7FFFFFFF"), "i32 k(i32)");
    assert_eq!(literal_type("3000000000"), "i32 k(i64)");
    assert_eq!(literal_type("0xFFFFFFFF"), "i32 k(i64)");
    assert_eq!(literal_type("18446744073709551615"), "i32 k(u64)");
    assert_eq!(literal_type("1.5f"), "i32 k(f32)");
    assert_eq!(literal_type("2e-4"), "i32 k(f64)");
}

#[test]
fn constant_conversions_fold_with_runtime_rules() {
    let (_, m, _) = check("u8 a = 300; i32 b = 3.99; f32 c = 16777217;");
    let init = m.functions.last().unwrap();
    let vals: Vec<_> = init
        .body
        .stmts
        .iter()
        .map(|s| match s {
            Stmt::InitGlobal { init: Some(e), .. } => e.kind.clone(),
            _ => unreachable!(),
        })
        .collect();
    assert!(matches!(vals[0], ExprKind::Int(44)));
    assert!(matches!(vals[1], ExprKind::Int(3)));
    assert!(matches!(vals[2], ExprKind::Float(x) if x == 16777216.0));
}

#[test]
fn overloads_rank_exact_promotion_conversion() {
    let src = "string d(i32 v) { return 'i'; } string d(f64 v) { return 'f'; }
               u8 s = 3; f32 f = 1.5f; string a = d(s); string b = d(f);";
    let (p, m, codes) = check(src);
    assert!(codes.is_empty(), "{codes:?}");
    let init = m.functions.last().unwrap();
    let called: Vec<String> = init
        .body
        .stmts
        .iter()
        .filter_map(|s| match s {
            Stmt::InitGlobal { init: Some(e), .. } => match &e.kind {
                ExprKind::Call { func, .. } => Some(p.signature(*func)),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(called, ["string d(i32)", "string d(f64)"]);
    assert_eq!(
        codes_of_ambiguous(),
        vec!["E0306"],
        "each candidate converts one argument"
    );
}

fn codes_of_ambiguous() -> Vec<&'static str> {
    codes("void g(i32 a, f64 b) { } void g(f64 a, i32 b) { } g(1, 1);")
}

#[test]
fn errors_have_their_codes() {
    assert_eq!(codes("i32 x = 'a';"), ["E0300"]);
    assert_eq!(codes("print(nope);"), ["E0200"]);
    assert_eq!(codes("const i32 c = 1; c = 2;"), ["E0303"]);
    assert_eq!(codes("const i32 c;"), ["E0317"]);
    assert_eq!(codes("void f() { return 1; }"), ["E0401"]);
    assert_eq!(codes("i32 f() { return; }"), ["E0402"]);
    assert_eq!(codes("return;"), ["E0406"]);
    assert_eq!(codes("continue;"), ["E0404"]);
    assert_eq!(codes("i32 f(); print('');"), ["E0204"]);
    assert_eq!(
        codes("i32 f(i32 a) { return a; } i32 f(i32 b) { return b; }"),
        ["E0202"]
    );
    assert_eq!(codes("i32 f(i32 a, i32 a) { return a; }"), ["E0201"]);
    assert_eq!(codes("f64 x = 1.0; i32 y = ~x;"), ["E0301"]);
    assert_eq!(codes("if ('s') { }"), ["E0304"]);
    assert_eq!(codes("enum E { A } i32 v = E.B;"), ["E0209"]);
    assert_eq!(codes("i32 __x = 1;"), ["E0206"]);
    assert_eq!(codes("void v;"), ["E0316"]);
}

#[test]
fn one_mistake_reports_one_error() {
    // The undefined name poisons the expression; nothing else is reported.
    assert_eq!(codes("i32 x = nope + 1 * 2 - nope2;"), ["E0200", "E0200"]);
    assert_eq!(
        codes("string s = nope; print(s + nope);"),
        ["E0200", "E0200"]
    );
}

#[test]
fn all_paths_return() {
    assert_eq!(codes("i32 f(i32 v) { if (v < 0) return -1; }"), ["E0400"]);
    assert!(codes("i32 f(i32 v) { if (v < 0) return -1; else return 1; }").is_empty());
    assert!(codes("i32 f() { while (true) { } }").is_empty());
    assert_eq!(codes("i32 f() { while (true) { break; } }"), ["E0400"]);
    assert!(codes("i32 f() { for (;;) { } }").is_empty());
    assert!(codes("i32 f() { do { return 1; } while (false); }").is_empty());
    assert_eq!(
        codes("i32 f() { do { continue; return 1; } while (false); }"),
        ["E0400"]
    );
}

#[test]
fn enums_number_like_cpp() {
    let (p, _, codes) = check("enum E { A, B = 10, C, D = B * 3 + A, F = 4000000000 }");
    assert!(codes.is_empty(), "{codes:?}");
    let vals: Vec<(i64, TypeId)> = p.enums[0]
        .values
        .iter()
        .map(|(_, v, t)| (*v as i64, *t))
        .collect();
    assert_eq!(
        vals,
        [
            (0, TypeId::I32),
            (10, TypeId::I32),
            (11, TypeId::I32),
            (30, TypeId::I32),
            (4000000000, TypeId::I64)
        ]
    );
    assert_eq!(codes_of("enum E { A = 1 / 0 }"), ["E0312"]);
}

fn codes_of(src: &str) -> Vec<&'static str> {
    codes(src)
}
