//! Lowering tests: every function of every conformance program lowers to IR that
//! verifies, and the shapes the backend relies on appear (rotated loops, fused
//! compare-and-branch, hoisted constants, balanced string references).

use super::{Op, Term, Unit, lower_module, print_function, verify};
use crate::check::exceptions::{PRELUDE, PRELUDE_SOURCE};
use crate::check::{Program, check_module};
use crate::diag::Diagnostics;
use crate::parser::parse_module;
use crate::source::SourceFile;
use std::collections::HashMap;

fn lower(src: &str) -> Unit {
    let file = SourceFile::new("t", src);
    let mut diags = Diagnostics::new(file.clone());
    let module = parse_module(&file, &mut diags);
    let mut program = Program::default();
    // The prelude declares `Error`, as a context compiles it before any module.
    let prelude = SourceFile::new(PRELUDE, PRELUDE_SOURCE);
    let mut prelude_diags = Diagnostics::new(prelude.clone());
    let prelude_ast = parse_module(&prelude, &mut prelude_diags);
    check_module(
        &mut program,
        PRELUDE,
        &prelude_ast,
        &HashMap::new(),
        &mut prelude_diags,
    );
    assert!(!prelude_diags.has_errors(), "{:?}", prelude_diags.items);
    let checked = check_module(&mut program, "t", &module, &HashMap::new(), &mut diags);
    assert!(!diags.has_errors(), "{:?}", diags.items);
    lower_module(&program, &checked, file)
}

#[test]
fn conformance_programs_lower_to_valid_ir() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/lang");
    let mut n = 0;
    for entry in std::fs::read_dir(dir)
        .expect("conformance programs")
        .flatten()
    {
        let src = std::fs::read_to_string(entry.path()).unwrap();
        // Programs that import other modules (the math vectors are one) need a context;
        // the CLI and the conformance runner cover them.
        let uses_vectors = src.contains("'math'") && src.contains("vec");
        if src.contains("expect-compile-error") || src.contains("// module-deps:") || uses_vectors {
            continue;
        }
        for f in lower(&src).functions {
            verify(&f).unwrap_or_else(|e| {
                panic!("{}: {e}\n{}", entry.path().display(), print_function(&f))
            });
            n += 1;
        }
    }
    assert!(n > 30);
}

#[test]
fn loop_tests_sit_at_the_bottom_as_one_compare_and_branch() {
    let unit =
        lower("i32 f(i32 n) { i32 s = 0; for (i32 i = 0; i < n; i++) { s += i; } return s; }");
    let f = &unit.functions[0];
    let branches: Vec<&Term> = f
        .blocks
        .iter()
        .map(|b| &b.term)
        .filter(|t| matches!(t, Term::CmpBranch { .. }))
        .collect();
    assert_eq!(branches.len(), 1, "{}", print_function(f));
    // The constant 0 is materialised once, in the entry block, not in the loop.
    let in_loop = f.blocks[1..4]
        .iter()
        .flat_map(|b| &b.insts)
        .filter(|i| matches!(i.op, Op::Const { .. }))
        .count();
    assert_eq!(in_loop, 0, "{}", print_function(f));
    assert!(matches!(f.blocks[0].insts[0].op, Op::Const { bits: 0, .. }));
}

#[test]
fn string_locals_are_released_on_every_path() {
    let unit = lower(
        "i32 f(i32 n) { string s = 'a' + n; for (i32 i = 0; i < n; i++) { string t = s + i; if (i == 2) return i; if (i == 3) break; } return 0; }",
    );
    let f = &unit.functions[0];
    let text = print_function(f);
    // Two returns and the loop exit: `s` is released before each return, `t` also
    // before the early return and the break.
    let releases = f
        .blocks
        .iter()
        .flat_map(|b| &b.insts)
        .filter(|i| matches!(i.op, Op::StrRelease { .. }))
        .count();
    assert!(releases >= 5, "{text}");
}
