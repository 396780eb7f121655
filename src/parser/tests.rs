//! Parser tests: precedence (through a fully parenthesising printer), declarations versus
//! expressions, every declaration form, recovery, the nesting limit, random input, and the
//! shared conformance and benchmark programs.

use super::*;
use crate::ast::{ExprKind, ImportKind, Item, Member, StmtKind};
use std::fmt::Write as _;

fn parse(text: &str) -> (ast::Module, Vec<Diagnostic>) {
    parse_bytes(text.as_bytes())
}

fn parse_bytes(text: &[u8]) -> (ast::Module, Vec<Diagnostic>) {
    let src = SourceFile::new("t", text);
    let mut diags = Diagnostics::new(src.clone());
    let module = parse_module(&src, &mut diags);
    (module, diags.items)
}

/// Parses text that must have no errors.
fn ok(text: &str) -> ast::Module {
    let (module, diags) = parse(text);
    let rendered: Vec<String> = diags.iter().map(|d| d.render()).collect();
    assert!(
        diags.is_empty(),
        "errors for {text:?}:\n{}",
        rendered.join("")
    );
    module
}

fn codes(text: &str) -> Vec<&'static str> {
    parse(text).1.iter().map(|d| d.code).collect()
}

fn stmts(module: &ast::Module) -> Vec<&ast::Stmt> {
    module
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Stmt(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// The single expression statement of `text` (which gets a `;` appended), rendered.
fn expr(text: &str) -> String {
    let module = ok(&format!("{text};"));
    assert_eq!(module.items.len(), 1, "{text}");
    match &module.items[0] {
        Item::Stmt(ast::Stmt {
            kind: StmtKind::Expr(e),
            ..
        }) => render(e),
        other => panic!("not an expression statement: {other:?}"),
    }
}

fn render_type(t: &ast::TypeExpr) -> String {
    let mut out = String::new();
    if let Some(q) = &t.qualifier {
        let _ = write!(out, "{}.", q.name);
    }
    out.push_str(&t.name.name);
    if let Some(arg) = &t.arg {
        let _ = write!(out, "<{}>", render_type(arg));
    }
    if t.handle {
        out.push('?');
    }
    out
}

fn render_args(args: &[ast::Expr]) -> String {
    args.iter().map(render).collect::<Vec<_>>().join(", ")
}

/// Renders an expression with every operator application parenthesised.
fn render(e: &ast::Expr) -> String {
    match &e.kind {
        ExprKind::Int(v) => v.to_string(),
        ExprKind::Float { value, is_f32 } => format!("{value}{}", if *is_f32 { "f" } else { "" }),
        ExprKind::Str(bytes) => format!("'{}'", String::from_utf8_lossy(bytes)),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Null => "null".into(),
        ExprKind::This => "this".into(),
        ExprKind::Name(id) => id.name.clone(),
        ExprKind::TypeApp { name, arg } => format!("{}<{}>", name.name, render_type(arg)),
        ExprKind::Unary { op, operand } => format!("({}{})", op.as_str(), render(operand)),
        ExprKind::Binary { op, lhs, rhs, .. } => {
            format!("({} {} {})", render(lhs), op.as_str(), render(rhs))
        }
        ExprKind::Assign {
            op, target, value, ..
        } => format!(
            "({} {}= {})",
            render(target),
            op.map(|o| o.as_str()).unwrap_or(""),
            render(value)
        ),
        ExprKind::IncDec {
            increment,
            prefix,
            operand,
        } => {
            let op = if *increment { "++" } else { "--" };
            if *prefix {
                format!("({op}{})", render(operand))
            } else {
                format!("({}{op})", render(operand))
            }
        }
        ExprKind::Cond {
            cond,
            then,
            otherwise,
        } => format!(
            "({} ? {} : {})",
            render(cond),
            render(then),
            render(otherwise)
        ),
        ExprKind::Member { object, name } => format!("{}.{}", render(object), name.name),
        ExprKind::Index { object, index } => format!("{}[{}]", render(object), render(index)),
        ExprKind::Call { callee, args } => format!("{}({})", render(callee), render_args(args)),
        ExprKind::ObjectLit(fields) => {
            let fields: Vec<String> = fields
                .iter()
                .map(|f| format!("{}: {}", f.name.name, render(&f.value)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        ExprKind::New { ty, args } => match args {
            Some(args) => format!("new {}({})", render_type(ty), render_args(args)),
            None => format!("new {}", render_type(ty)),
        },
    }
}

// ----- Precedence -----

#[test]
fn binary_precedence_follows_the_c_table() {
    let cases = [
        ("2 + 3 << 1", "((2 + 3) << 1)"),
        ("1 << 2 + 1", "(1 << (2 + 1))"),
        ("2 + 3 * 4", "(2 + (3 * 4))"),
        ("10 - 4 - 3", "((10 - 4) - 3)"),
        ("100 / 10 / 5", "((100 / 10) / 5)"),
        ("6 & 3 | 8", "((6 & 3) | 8)"),
        ("6 | 3 & 8", "(6 | (3 & 8))"),
        ("5 ^ 1 | 2", "((5 ^ 1) | 2)"),
        ("1 | 2 ^ 3", "(1 | (2 ^ 3))"),
        ("1 < 2 == 3 < 4", "((1 < 2) == (3 < 4))"),
        ("a || b && c", "(a || (b && c))"),
        ("a && b || c && d", "((a && b) || (c && d))"),
        ("a == b != c", "((a == b) != c)"),
        ("a <= b >= c > d", "(((a <= b) >= c) > d)"),
        ("a >> 1 < b", "((a >> 1) < b)"),
        ("a & b == c", "(a & (b == c))"),
        ("7 - 2 * 3 + 1", "((7 - (2 * 3)) + 1)"),
        ("2 * 3 % 4", "((2 * 3) % 4)"),
        ("a + b - c * d / e % f", "((a + b) - (((c * d) / e) % f))"),
    ];
    for (text, want) in cases {
        assert_eq!(expr(text), want, "{text}");
    }
}

#[test]
fn assignment_and_conditional_are_right_associative() {
    assert_eq!(expr("a = b = c"), "(a = (b = c))");
    assert_eq!(expr("x = y = z = 7"), "(x = (y = (z = 7)))");
    assert_eq!(expr("x ? y : z ? w : v"), "(x ? y : (z ? w : v))");
    assert_eq!(
        expr("v > 10 ? 'huge' : v > 3 ? 'big' : 'small'"),
        "((v > 10) ? 'huge' : ((v > 3) ? 'big' : 'small'))"
    );
    assert_eq!(expr("a = b ? c : d"), "(a = (b ? c : d))");
    assert_eq!(expr("x = a ? b = 1 : c"), "(x = (a ? (b = 1) : c))");
    assert_eq!(expr("a || b ? c : d"), "((a || b) ? c : d)");
    assert_eq!(
        expr("1 + 2 < 4 ? 'yes' : 'no'"),
        "(((1 + 2) < 4) ? 'yes' : 'no')"
    );
}

#[test]
fn every_assignment_operator() {
    for op in [
        "+", "-", "*", "/", "%", "<<", ">>", "&", "^", "|", "&&", "||", "",
    ] {
        assert_eq!(
            expr(&format!("a {op}= b + 1")),
            format!("(a {op}= (b + 1))")
        );
    }
}

#[test]
fn unary_binds_tighter_than_binary_and_looser_than_postfix() {
    assert_eq!(expr("-2 * 3"), "((-2) * 3)");
    assert_eq!(expr("-(2 + 3)"), "(-(2 + 3))");
    assert_eq!(expr("-a.b"), "(-a.b)");
    assert_eq!(expr("!a && ~b"), "((!a) && (~b))");
    assert_eq!(expr("- -x"), "(-(-x))");
    assert_eq!(expr("+x - -y"), "((+x) - (-y))");
    assert_eq!(expr("++i * 2"), "((++i) * 2)");
    assert_eq!(expr("-i++"), "(-(i++))");
    assert_eq!(expr("a-- - --b"), "((a--) - (--b))");
    assert_eq!(expr("!f(x)[0]"), "(!f(x)[0])");
}

#[test]
fn postfix_chains() {
    assert_eq!(expr("a.b(c)[i].d()"), "a.b(c)[i].d()");
    assert_eq!(expr("f(x).y"), "f(x).y");
    assert_eq!(expr("Node(1).twice().v"), "Node(1).twice().v");
    assert_eq!(expr("a[i][j] = b[i + 1]"), "(a[i][j] = b[(i + 1)])");
    assert_eq!(expr("5.toFixed(2)"), "5.toFixed(2)");
    assert_eq!(expr("(0.1 + 0.2).toFixed(17)"), "(0.1 + 0.2).toFixed(17)");
    assert_eq!(expr("f(a, b + 1, g())"), "f(a, (b + 1), g())");
    assert_eq!(expr("'' + (2 + 3 << 1)"), "('' + ((2 + 3) << 1))");
}

#[test]
fn literals_and_primaries() {
    assert_eq!(expr("null"), "null");
    assert_eq!(expr("this.x = true"), "(this.x = true)");
    assert_eq!(expr("1.5f + 2e3"), "(1.5f + 2000)");
    assert_eq!(expr("x = 'a' + \"b\""), "(x = ('a' + 'b'))");
    assert_eq!(expr("false != !true"), "(false != (!true))");
}

#[test]
fn construction_forms() {
    assert_eq!(
        expr("Vec2({ x: 1.5f, y: 2.5f })"),
        "Vec2({x: 1.5f, y: 2.5f})"
    );
    assert_eq!(expr("F({})"), "F({})");
    assert_eq!(expr("F({ a: 1, })"), "F({a: 1})");
    assert_eq!(
        expr("Two({ first: Triple({ a: 1, b: 2 }), second: Triple({ a: 4 }) })"),
        "Two({first: Triple({a: 1, b: 2}), second: Triple({a: 4})})"
    );
    assert_eq!(expr("new Node(1)"), "new Node(1)");
    assert_eq!(expr("new Node"), "new Node");
    assert_eq!(expr("new P({ x: 1 })"), "new P({x: 1})");
    assert_eq!(expr("new Box<i32>(5).get()"), "new Box<i32>(5).get()");
    assert_eq!(expr("new lib.Rect(1, 2)"), "new lib.Rect(1, 2)");
    assert_eq!(expr("h = new Node(1)"), "(h = new Node(1))");
    assert_eq!(expr("i32(9.81)"), "i32(9.81)");
    assert_eq!(expr("lib.Rect(1, 2)"), "lib.Rect(1, 2)");
}

#[test]
fn template_instances_in_expressions() {
    assert_eq!(expr("Box<i32>(41)"), "Box<i32>(41)");
    assert_eq!(expr("array<i32>()"), "array<i32>()");
    assert_eq!(expr("Box<Box<i32>>(1)"), "Box<Box<i32>>(1)");
    assert_eq!(expr("Box<i32>.count"), "Box<i32>.count");
    assert_eq!(expr("Box<Node?>(null)"), "Box<Node?>(null)");
    assert_eq!(expr("Box<lib.T>(1)"), "Box<lib.T>(1)");
    assert_eq!(
        expr("bi.get() + Box<f64>(1.25).get()"),
        "(bi.get() + Box<f64>(1.25).get())"
    );
    // Not followed by `(` or `.`: comparisons.
    assert_eq!(expr("x = a < b > c"), "(x = ((a < b) > c))");
    assert_eq!(expr("a < b"), "(a < b)");
    assert_eq!(expr("a < b >> c"), "(a < (b >> c))");
    assert_eq!(expr("f(a < b, c > d)"), "f((a < b), (c > d))");
    assert_eq!(expr("a < b ? (c) : d"), "((a < b) ? c : d)");
    // Inside a template: `subtype(x)` converts.
    assert_eq!(expr("subtype(0)"), "subtype(0)");
}

// ----- Declarations versus expressions -----

fn var_decl(text: &str) -> (String, String, Option<String>) {
    let module = ok(text);
    match &stmts(&module)[0].kind {
        StmtKind::VarDecl(d) => (
            render_type(&d.ty),
            d.name.name.clone(),
            d.init.as_ref().map(render),
        ),
        other => panic!("not a declaration: {other:?} for {text}"),
    }
}

#[test]
fn declarations_versus_expressions() {
    assert_eq!(
        var_decl("Foo<i32> x;"),
        ("Foo<i32>".into(), "x".into(), None)
    );
    assert_eq!(
        var_decl("array<array<i32>> m;"),
        ("array<array<i32>>".into(), "m".into(), None)
    );
    assert_eq!(
        var_decl("array<array<array<i32>>> m;").0,
        "array<array<array<i32>>>"
    );
    assert_eq!(
        var_decl("Node? n = null;"),
        ("Node?".into(), "n".into(), Some("null".into()))
    );
    assert_eq!(
        var_decl("lib.Rect r = lib.Rect(1, 2);"),
        ("lib.Rect".into(), "r".into(), Some("lib.Rect(1, 2)".into()))
    );
    assert_eq!(var_decl("array<Node?> a;").0, "array<Node?>");
    assert_eq!(
        var_decl("Box<i32> bi = Box<i32>(41);").2.unwrap(),
        "Box<i32>(41)"
    );
    assert_eq!(var_decl("subtype v;").0, "subtype");
    assert_eq!(
        var_decl("Box<Box<i32>> b = Box<Box<i32>>(1);"),
        (
            "Box<Box<i32>>".into(),
            "b".into(),
            Some("Box<Box<i32>>(1)".into())
        )
    );
    assert_eq!(var_decl("lib.Box<i32>? h = null;").0, "lib.Box<i32>?");
    let module = ok("const i32 LIMIT = 10;");
    match &stmts(&module)[0].kind {
        StmtKind::VarDecl(d) => assert!(d.is_const),
        other => panic!("{other:?}"),
    }
    for text in [
        "a < b;",
        "a.b = 5;",
        "Rect.made = Rect.made + 1;",
        "print('x');",
        "x ? y : z;",
        "c ? f() : g();",
        "a < b > (c);",
        "x++;",
        "a[0] = 1;",
        "(a);",
    ] {
        let module = ok(text);
        assert!(
            matches!(stmts(&module)[0].kind, StmtKind::Expr(_)),
            "{text} should be an expression"
        );
    }
}

#[test]
fn handle_types_in_declarations_and_functions() {
    let module = ok(
        "Node? find(i32 v) { return null; }\nNode? head;\nfor (Node? c = head; c != null; c = c.next) {}",
    );
    assert!(matches!(&module.items[0], Item::Function(f) if f.ret.handle && f.name.name == "find"));
    assert!(
        matches!(&module.items[1], Item::Stmt(s) if matches!(&s.kind, StmtKind::VarDecl(d) if d.ty.handle))
    );
}

// ----- Declarations -----

#[test]
fn functions_and_forward_declarations() {
    let module =
        ok("i32 f(i32 a, array<f64> b);\nvoid g() {}\nBox<i32> h(Box<i32>? x) { return x; }");
    let funcs: Vec<&ast::FunctionDecl> = module
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Function(f) => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(funcs.len(), 3);
    assert!(funcs[0].body.is_none());
    assert_eq!(funcs[0].params.len(), 2);
    assert_eq!(render_type(&funcs[0].params[1].ty), "array<f64>");
    assert_eq!(funcs[0].params[1].name.name, "b");
    assert!(funcs[1].body.is_some());
    assert_eq!(render_type(&funcs[2].params[0].ty), "Box<i32>?");
}

#[test]
fn classes_with_every_member_kind() {
    let module = ok(r#"
class V2 {
    constructor(f32 x, f32 y) { this.x = x; this.y = y; }
    destructor() { print('bye'); }
    V2 operator + (V2 r) { return V2(this.x + r.x, this.y + r.y); }
    V2 operator - () { return V2(-this.x, -this.y); }
    f32 operator [] (i32 i) { return this.x; }
    V2 operator = (V2 r) { return this; }
    V2 operator += (V2 r) { return this; }
    V2 operator <<= (i32 r) { return this; }
    V2 operator >> (i32 r) { return this; }
    V2 operator ++ () { return this; }
    V2 operator -- () { return this; }
    bool operator == (V2 r) { return true; }
    operator i32() { return i32(this.x + this.y); }
    static i32 made;
    static const i32 LIMIT = 3;
    const i32 id;
    static V2 zero() { return V2(0.0f, 0.0f); }
    i32 area() { return 0; }
    f32 x; f32 y;
    array<array<i32>> grid;
    Node? next;
}
"#);
    let Item::Class(class) = &module.items[0] else {
        panic!("not a class")
    };
    assert_eq!(class.name.name, "V2");
    assert!(!class.is_template);
    let ops: Vec<&str> = class
        .members
        .iter()
        .filter_map(|m| match m {
            Member::Operator { op, .. } => Some(op.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        ops,
        ["+", "-", "[]", "=", "+=", "<<=", ">>", "++", "--", "=="]
    );
    assert!(
        matches!(class.members[0], Member::Constructor { ref params, .. } if params.len() == 2)
    );
    assert!(matches!(class.members[1], Member::Destructor { .. }));
    assert!(matches!(&class.members[12], Member::Conversion { ty, .. } if ty.name.name == "i32"));
    assert!(matches!(
        &class.members[13],
        Member::Field {
            is_static: true,
            is_const: false,
            ..
        }
    ));
    assert!(matches!(
        &class.members[14],
        Member::Field {
            is_static: true,
            is_const: true,
            init: Some(_),
            ..
        }
    ));
    assert!(matches!(
        &class.members[15],
        Member::Field {
            is_static: false,
            is_const: true,
            ..
        }
    ));
    assert!(matches!(
        &class.members[16],
        Member::Method {
            is_static: true,
            body: Some(_),
            ..
        }
    ));
    assert!(matches!(
        &class.members[17],
        Member::Method {
            is_static: false,
            body: Some(_),
            ..
        }
    ));
    assert_eq!(class.members.len(), 22);
}

#[test]
fn templates_formats_enums() {
    let module = ok(r#"
class Box<subtype> {
    constructor(subtype v) { this.value = v; }
    subtype get() { return this.value; }
    subtype value;
};
format Vertex { f32 x, f32 y, u8 tag, f64 w };
format Pair<subtype> { subtype a, subtype b, }
format Empty {}
enum Code { Ok = 200, Created, NotFound = 404, Gone };
enum Mask { A = 1, B = 1 << 1, All = 1 | 2 | 4, Half = 10 / 2, }
enum None {}
"#);
    let Item::Class(class) = &module.items[0] else {
        panic!()
    };
    assert!(class.is_template);
    let Item::Format(vertex) = &module.items[1] else {
        panic!()
    };
    assert_eq!(vertex.fields.len(), 4);
    assert_eq!(vertex.fields[2].name.name, "tag");
    let Item::Format(pair) = &module.items[2] else {
        panic!()
    };
    assert!(pair.is_template);
    assert_eq!(pair.fields.len(), 2);
    let Item::Enum(code) = &module.items[4] else {
        panic!()
    };
    let names: Vec<&str> = code.variants.iter().map(|v| v.name.name.as_str()).collect();
    assert_eq!(names, ["Ok", "Created", "NotFound", "Gone"]);
    assert!(code.variants[1].value.is_none());
    let Item::Enum(mask) = &module.items[5] else {
        panic!()
    };
    assert_eq!(render(mask.variants[1].value.as_ref().unwrap()), "(1 << 1)");
    assert_eq!(mask.variants.len(), 4);
    assert_eq!(module.items.len(), 7);
}

#[test]
fn imports() {
    let module = ok(r#"
import { square, cube as kube, VERSION } from 'lib_mathx';
import { a, } from "m";
import 'math' as m;
import 'lib/util.gjs';
"#);
    let imports: Vec<&ast::ImportDecl> = module
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Import(d) => Some(d),
            _ => None,
        })
        .collect();
    assert_eq!(imports.len(), 4);
    let ImportKind::Names(items) = &imports[0].kind else {
        panic!()
    };
    assert_eq!(items.len(), 3);
    assert_eq!(items[1].name.name, "cube");
    assert_eq!(items[1].alias.as_ref().unwrap().name, "kube");
    assert_eq!(imports[0].module, "lib_mathx");
    assert!(matches!(&imports[2].kind, ImportKind::Module(Some(x)) if x.name == "m"));
    assert!(matches!(&imports[3].kind, ImportKind::Module(None)));
    assert_eq!(imports[3].module, "lib/util.gjs");
    // `as` and `from` are ordinary names outside imports.
    ok("i32 as = 1; i32 from = as + 1;");
}

#[test]
fn malformed_imports() {
    assert_eq!(codes("import foo;"), ["E0107"]);
    assert_eq!(codes("import {} from 'm';"), ["E0107"]);
    assert_eq!(codes("import { a } 'm';"), ["E0104"]);
    assert_eq!(codes("import { a } from m;"), ["E0104"]);
    assert_eq!(codes("import { a b } from 'm';"), ["E0104"]);
    assert_eq!(codes("import 'm' as;"), ["E0102"]);
    assert_eq!(codes("import { from } from 'm';"), ["E0102"]);
    assert_eq!(codes("import 'm'\ni32 x;"), ["E0100"]);
}

// ----- Statements -----

#[test]
fn statements() {
    let module = ok(r#"
void f() {
    i32 s = 0;
    for (i32 i = 0; i < 10; i++) { if (i % 2 == 0) continue; if (i > 7) break; s += i; }
    for (;;) { break; }
    for (s = 0; s < 3; ) s++;
    for (const i32 k = 0; ; k) { break; }
    while (s > 0) s--;
    do { s++; } while (s < 5);
    do s++; while (s < 10)
    if (s) { } else if (!s) { } else ;
    { i32 x = 3; }
    ;
    delete head;
    throw Error('x');
    return;
}
i32 safeDiv(i32 a, i32 b) {
    try { return a / b; }
    catch (Error e) { return 0; }
    catch (lib.Oops o) { return 1; }
    finally { print('finally'); }
}
void g() { try { } finally { } }
"#);
    let Item::Function(f) = &module.items[0] else {
        panic!()
    };
    let body = f.body.as_ref().unwrap();
    let kinds: Vec<&str> = body
        .stmts
        .iter()
        .map(|s| match &s.kind {
            StmtKind::VarDecl(_) => "decl",
            StmtKind::For { .. } => "for",
            StmtKind::While { .. } => "while",
            StmtKind::DoWhile { .. } => "do",
            StmtKind::If { .. } => "if",
            StmtKind::Block(_) => "block",
            StmtKind::Empty => "empty",
            StmtKind::Delete(_) => "delete",
            StmtKind::Throw(_) => "throw",
            StmtKind::Return(None) => "return",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "decl", "for", "for", "for", "for", "while", "do", "do", "if", "block", "empty",
            "delete", "throw", "return"
        ]
    );
    let StmtKind::For {
        init, cond, step, ..
    } = &body.stmts[2].kind
    else {
        panic!()
    };
    assert!(init.is_none() && cond.is_none() && step.is_none());
    let StmtKind::For { init, step, .. } = &body.stmts[3].kind else {
        panic!()
    };
    assert!(matches!(
        init.as_deref(),
        Some(ast::Stmt {
            kind: StmtKind::Expr(_),
            ..
        })
    ));
    assert!(step.is_none());
    let Item::Function(safe) = &module.items[1] else {
        panic!()
    };
    let StmtKind::Try {
        catches, finally, ..
    } = &safe.body.as_ref().unwrap().stmts[0].kind
    else {
        panic!()
    };
    assert_eq!(catches.len(), 2);
    assert_eq!(render_type(&catches[1].ty), "lib.Oops");
    assert!(finally.is_some());
}

#[test]
fn else_binds_to_nearest_if() {
    let module = ok("if (a) if (b) x(); else y();");
    let StmtKind::If {
        then, otherwise, ..
    } = &stmts(&module)[0].kind
    else {
        panic!()
    };
    assert!(otherwise.is_none());
    assert!(matches!(
        &then.kind,
        StmtKind::If {
            otherwise: Some(_),
            ..
        }
    ));
}

#[test]
fn try_without_catch_or_finally_is_e0108() {
    assert_eq!(codes("try { }"), ["E0108"]);
    assert_eq!(codes("try { } i32 x;"), ["E0108"]);
}

#[test]
fn declarations_outside_top_level_are_e0106() {
    assert_eq!(codes("void f() { class A { } }"), ["E0106"]);
    assert_eq!(
        codes("void f() { i32 g(i32 x) { return x; } i32 y = 1; }"),
        ["E0106"]
    );
    assert_eq!(codes("{ import 'm'; }"), ["E0106"]);
    assert_eq!(codes("if (x) enum E { A }"), ["E0106"]);
    assert_eq!(codes("while (x) { format F { i32 a } }"), ["E0106"]);
    assert_eq!(codes("{ void f(); }"), ["E0106"]);
    // The declaration is parsed: its errors are reported, and what follows parses.
    assert_eq!(
        codes("void f() { class A { i32 x = ; } i32 y = 1; }\ni32 z = ;"),
        ["E0106", "E0101", "E0101"]
    );
}

#[test]
fn keywords_and_reserved_words_are_not_names() {
    assert_eq!(codes("i32 var = 1;"), ["E0102"]);
    assert_eq!(codes("i32 class = 1;"), ["E0102"]);
    assert_eq!(codes("i32 new;"), ["E0102"]);
    assert_eq!(codes("void function() {}"), ["E0102"]);
    assert_eq!(codes("void f(i32 this) {}"), ["E0102"]);
    assert_eq!(codes("x = let;"), ["E0102"]);
    assert_eq!(codes("a.class = 1;"), ["E0102"]);
    assert_eq!(codes("class typeof {}"), ["E0102"]);
    assert_eq!(codes("enum E { switch }"), ["E0102"]);
}

#[test]
fn class_member_errors() {
    assert_eq!(codes("class A { static constructor() {} }"), ["E0109"]);
    assert_eq!(codes("class A { constructor(); }"), ["E0109"]);
    assert_eq!(codes("class A { const void f() {} }"), ["E0109"]);
    assert_eq!(codes("class A { static static i32 x; }"), ["E0109"]);
    assert_eq!(codes("class A { i32 operator () {} }"), ["E0104"]);
    assert_eq!(codes("class A { i32 x i32 y; }"), ["E0100"]);
    assert_eq!(codes("class A { i32 x = ; i32 y = ; }"), ["E0101", "E0101"]);
    assert_eq!(codes("class A { i32 x = 1; static i32 y = 2; }"), ["E0109"]);
    assert_eq!(codes("class A { i32 f(); }"), ["E0109"]);
    let (module, _) = parse("class A { i32 f(); i32 x = 1; }");
    let Item::Class(c) = &module.items[0] else {
        panic!()
    };
    assert!(matches!(&c.members[0], Member::Method { body: None, .. }));
    assert!(matches!(&c.members[1], Member::Field { init: None, .. }));
    assert_eq!(codes("class A { void f() } i32 x;"), ["E0104"]);
    assert_eq!(codes("class A<T> {}"), ["E0104"]);
    assert_eq!(codes("class A { i32 x;"), ["E0105"]);
    // A stray `;` after a method body is accepted.
    ok("class A { void f() { }; i32 x; };");
    assert_eq!(codes("format F { f32 x; f32 y }"), ["E0104"]);
    assert_eq!(codes("enum E { A, B\nclass C {}"), ["E0104"]);
    // Parameters are kept for the checker, which reports a destructor with some.
    let module = ok("class A { destructor(i32 x) {} }");
    let Item::Class(c) = &module.items[0] else {
        panic!()
    };
    assert!(matches!(&c.members[0], Member::Destructor { params, .. } if params.len() == 1));
}

// ----- Errors and recovery -----

#[test]
fn error_codes_for_syntax_errors() {
    assert_eq!(codes("i32 x = ;"), ["E0101"]);
    assert_eq!(codes("f(1;"), ["E0104"]);
    assert_eq!(codes("x = (1 + 2;"), ["E0104"]);
    assert_eq!(codes("x = a[1;"), ["E0104"]);
    assert_eq!(codes("x = c ? a b;"), ["E0104"]);
    assert_eq!(codes("void f(i32 a, ) {}"), ["E0103"]);
    assert_eq!(codes("f(i32 a) {}"), ["E0104"]);
    assert_eq!(codes("void f(5) {}"), ["E0103"]);
    assert_eq!(codes("i32 x = 1"), ["E0100"]);
    assert_eq!(codes("void f() {"), ["E0105"]);
    assert_eq!(codes("x = (((("), ["E0105"]);
    assert_eq!(codes("if x > 0 { y = 1; }"), ["E0104"]);
    assert_eq!(codes("do { } x = 1;"), ["E0104"]);
    assert_eq!(codes("}"), ["E0101"]);
    assert_eq!(codes("else x = 1;"), ["E0101"]);
    assert_eq!(codes("const x;"), ["E0102"]);
    assert_eq!(codes("const 5;"), ["E0103"]);
    assert_eq!(codes("Foo<i32 x;"), ["E0100"]);
}

#[test]
fn e0100_points_at_the_token_found_with_a_label() {
    let text = "i32 a = 5\ni32 b = 6;\nprint('' + (a + b));\n";
    let src = SourceFile::new("t", text);
    let mut diags = Diagnostics::new(src.clone());
    let module = parse_module(&src, &mut diags);
    assert_eq!(diags.items.len(), 1);
    let d = &diags.items[0];
    assert_eq!(d.code, "E0100");
    assert_eq!(src.line_col(d.span.lo), (2, 1));
    assert_eq!(d.labels.len(), 1);
    assert_eq!(src.line_col(d.labels[0].span.lo), (1, 10));
    // Both declarations and the call survive.
    assert_eq!(module.items.len(), 3);
}

#[test]
fn missing_semicolon_on_the_same_line_skips_the_statement() {
    let (module, diags) = parse("i32 a = 5 6; i32 b = 7;");
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].code, "E0100");
    assert_eq!(module.items.len(), 1);
    assert_eq!(codes("void f() { x = 1 }"), ["E0100"]);
    assert_eq!(codes("for (i32 i = 0 i < 5; i++) {}"), ["E0100"]);
}

#[test]
fn three_independent_errors_give_three_diagnostics() {
    let text = r#"
i32 a = ;
void f(i32 x) {
    i32 y = x +* 2;
    g(1, 2;
    return y;
}
class C { static i32 z = 5 5; }
i32 ok = 1;
"#;
    assert_eq!(codes(text), ["E0101", "E0101", "E0104", "E0100"]);
    let text = "i32 a = ;\ni32 b = (1 + );\nfoo(1 2);\ni32 c = 3;\n";
    let (module, diags) = parse(text);
    assert_eq!(diags.len(), 3, "{diags:?}");
    // The valid statement after them is still there.
    assert_eq!(module.items.len(), 1);
}

#[test]
fn recovery_inside_headers_and_blocks() {
    // A broken condition still lets the body parse (one error each).
    assert_eq!(codes("if (a +) { b = ; }"), ["E0101", "E0101"]);
    assert_eq!(codes("while (a b) { }"), ["E0104"]);
    assert_eq!(
        codes("for (i32 i = 0; i < ; i++) { x = ; }"),
        ["E0101", "E0101"]
    );
    assert_eq!(codes("void f(i32 a b) { x = ; }"), ["E0104", "E0101"]);
    assert_eq!(codes("f(g(1 2), h(3 4));"), ["E0104"]);
    assert_eq!(codes("x = F({ a: 1 b: 2 });"), ["E0104"]);
    assert_eq!(
        codes("void f() { i32 x = ; }\nvoid g() { i32 y = ; }\nclass A { }"),
        ["E0101", "E0101"]
    );
    assert_eq!(codes("format F { f32 x f32 y, i32 z }"), ["E0104"]);
    assert_eq!(codes("enum E { A = , B }"), ["E0101"]);
    assert_eq!(codes("x = ) ; y = 1;"), ["E0101"]);
    assert_eq!(codes("i32 x = 1; ) i32 y = 2;"), ["E0101"]);
}

#[test]
fn lexical_errors_do_not_cascade() {
    assert_eq!(codes("i32 x = 12ab;"), ["E0006"]);
    assert_eq!(codes("i32 x = 5 @;"), ["E0001"]);
    assert_eq!(codes("string s = 'a\\q';"), ["E0004"]);
    assert_eq!(codes("i32 x = 99999999999999999999999;"), ["E0005"]);
}

// ----- Limits and robustness -----

/// Runs `f` on a thread with a 1 MiB stack, well under the default 2 MiB of test threads
/// and 8 MiB of a main thread, so deep nesting is shown to fit with room to spare.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn deep_nesting_is_e0500_not_a_stack_overflow() {
    on_small_stack(|| {
        let n = 10_000;
        let cases = [
            format!("x = {}1{};", "(".repeat(n), ")".repeat(n)),
            format!("x = {};", "(".repeat(n)),
            format!("{}{}", "{".repeat(n), "}".repeat(n)),
            "{".repeat(n),
            format!("x = {}1;", "-".repeat(n)),
            format!("x = {}1;", "!".repeat(n)),
            format!("x = {}0;", "a ? b : ".repeat(n)),
            format!("x = {}0;", "a = ".repeat(n)),
            format!("x = {}1{};", "f(".repeat(n), ")".repeat(n)),
            format!("x = {}1{};", "a[".repeat(n), "]".repeat(n)),
            format!("{}x = 1;", "if (a) ".repeat(n)),
            format!(
                "void f() {{ {}x = 1;{} }}",
                "while (a) {".repeat(n),
                "}".repeat(n)
            ),
            format!("{} x;", "array<".repeat(n)),
            format!("array{} x;", "<array".repeat(n)),
            format!("x = F({}1{});", "{a: F(".repeat(n), ")}".repeat(n)),
        ];
        for text in &cases {
            let (_, diags) = parse(text);
            let deep = diags.iter().filter(|d| d.code == "E0500").count();
            assert_eq!(
                deep,
                1,
                "for {}…: {:?}",
                &text[..40],
                diags.iter().map(|d| d.code).collect::<Vec<_>>()
            );
            assert_eq!(diags[0].code, "E0500");
            assert!(diags[0].message.contains("nesting too deep (limit 256)"));
            assert!(
                diags.len() <= 3,
                "{:?}",
                diags.iter().map(|d| d.code).collect::<Vec<_>>()
            );
        }
        // Balanced deep nesting is exactly one error, and the next statement still parses.
        let text = format!("x = {}1{};\ni32 y = 2;", "(".repeat(n), ")".repeat(n));
        let (module, diags) = parse(&text);
        assert_eq!(diags.len(), 1);
        assert_eq!(module.items.len(), 1);
        // Nesting under the limit is fine.
        ok(&format!("x = {}1{};", "(".repeat(200), ")".repeat(200)));
        ok(&format!(
            "void f() {{ {}{} }}",
            "{".repeat(200),
            "}".repeat(200)
        ));
    });
}

/// A fixed-seed xorshift generator for the random-input test.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn random_input_never_panics_or_hangs() {
    const PIECES: &[&str] = &[
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        ";",
        ",",
        ".",
        "?",
        ":",
        "<",
        ">",
        ">>",
        "=",
        "+",
        "-",
        "++",
        "!",
        "&&",
        "i32",
        "x",
        "Foo",
        "class",
        "format",
        "enum",
        "import",
        "if",
        "else",
        "for",
        "while",
        "do",
        "try",
        "catch",
        "finally",
        "return",
        "new",
        "operator",
        "static",
        "const",
        "subtype",
        "var",
        "null",
        "this",
        "1",
        "2.5f",
        "'s'",
        "\"",
        "'",
        "/*",
        "//",
        "\n",
        " ",
        "@",
        "\u{e9}",
        "0x",
        "1e",
        "from",
        "as",
        "constructor",
        "destructor",
        "delete",
    ];
    on_small_stack(|| {
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for round in 0..400 {
            let len = (rng.next() % 200) as usize;
            let mut text = Vec::new();
            for _ in 0..len {
                let r = rng.next();
                if round % 2 == 0 {
                    text.push(r as u8);
                } else {
                    let piece = PIECES[(r % PIECES.len() as u64) as usize];
                    text.extend_from_slice(piece.as_bytes());
                    text.push(b' ');
                }
            }
            let _ = parse_bytes(&text);
            let src = SourceFile::new("sig", text.clone());
            let mut diags = Diagnostics::new(src.clone());
            let _ = parse_function_signature(&src, &mut diags);
        }
    });
}

#[test]
fn hostile_inputs() {
    on_small_stack(|| {
        // Long chains build deep trees, so they count against the nesting limit too.
        for (head, chain) in [
            ("1", " + 1"),
            ("a", ".b"),
            ("f", "()"),
            ("a", "[0]"),
            ("x", "++ + x"),
        ] {
            let long_line = format!("i32 x = {head}{};\ni32 y = 2;", chain.repeat(250_000));
            let (module, diags) = parse(&long_line);
            let got: Vec<&str> = diags.iter().map(|d| d.code).collect();
            assert_eq!(got[0], "E0500", "{chain}");
            assert!(got.len() <= 2, "{chain}: {got:?}");
            assert!(!module.items.is_empty(), "{chain}");
        }
        let (_, diags) = parse(&format!("i32 x = {}1;", "1 + ".repeat(200)));
        assert!(diags.is_empty());
        for text in [
            &b"\0\0\0"[..],
            b"\xff\xfe\xfd",
            b"class",
            b"class A {",
            b"class A { operator",
            b"import {",
            b"for (",
            b"try",
            b"x = new",
            b"Foo<",
            b"Foo<i32",
            b"a ? b :",
            b"format F {",
            b"enum E { A = ",
            b"i32 f(",
            b"do",
            b"'",
        ] {
            let (_, diags) = parse_bytes(text);
            assert!(!diags.is_empty(), "{text:?}");
        }
    });
}

#[test]
fn lookahead_is_not_quadratic() {
    // Each statement starts like a function with a handle return type (`a? b(`) whose
    // parameter list never closes; the lookahead must stop at the `;`.
    let text = "a ? b(;\n".repeat(100_000);
    let start = std::time::Instant::now();
    let (_, diags) = parse(&text);
    assert!(!diags.is_empty());
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

// ----- Host signatures -----

fn signature(text: &str) -> Option<ast::FunctionDecl> {
    let src = SourceFile::new("sig", text);
    let mut diags = Diagnostics::new(src.clone());
    let decl = parse_function_signature(&src, &mut diags);
    assert_eq!(
        decl.is_some(),
        diags.is_empty(),
        "{text}: {:?}",
        diags.items
    );
    decl
}

#[test]
fn host_function_signatures() {
    let f = signature("f32 lerp(f32 a, f32 b, f32 t)").unwrap();
    assert_eq!(f.name.name, "lerp");
    assert_eq!(render_type(&f.ret), "f32");
    let names: Vec<&str> = f.params.iter().map(|p| p.name.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "t"]);
    assert!(f.body.is_none());
    let f = signature("f32 mul(f32, f32);").unwrap();
    assert_eq!(f.params.len(), 2);
    assert!(f.params.iter().all(|p| p.name.name.is_empty()));
    let f = signature("void log(string s, array<i32>)").unwrap();
    assert_eq!(render_type(&f.params[1].ty), "array<i32>");
    let f = signature("  Node? find(m.Tree t, i32)  ").unwrap();
    assert!(f.ret.handle);
    assert_eq!(render_type(&f.params[0].ty), "m.Tree");
    assert!(signature("void f()").unwrap().params.is_empty());
    for bad in [
        "",
        "f32",
        "f32 lerp",
        "f32 lerp(",
        "f32 lerp(f32 a",
        "f32 lerp() {}",
        "f32 lerp();;",
        "f32 lerp() x",
        "f32 class()",
        "f32 f(i32 a b)",
        "f32 f(@)",
    ] {
        assert!(signature(bad).is_none(), "{bad}");
    }
}

// ----- Shared programs -----

fn gjs_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "gjs"))
        .collect();
    files.sort();
    files
}

#[test]
fn conformance_and_benchmark_programs_parse() {
    let shared = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    let mut files = gjs_files(&shared.join("conformance"));
    if let Ok(entries) = std::fs::read_dir(shared.join("bench")) {
        let mut benches: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path().join("bench.gjs")))
            .filter(|p| p.is_file())
            .collect();
        benches.sort();
        files.extend(benches);
    }
    let mut failures = String::new();
    for path in &files {
        let text = std::fs::read(path).unwrap();
        let src = SourceFile::new(path.display().to_string(), text);
        let mut diags = Diagnostics::new(src.clone());
        parse_module(&src, &mut diags);
        let got: Vec<&str> = diags.items.iter().map(|d| d.code).collect();
        let name = path.file_name().unwrap().to_string_lossy();
        let want: &[&str] = if name == "err_syntax_missing_semicolon.gjs" {
            &["E0100"]
        } else {
            &[]
        };
        if got != want {
            let _ = writeln!(failures, "{}: got {got:?}, want {want:?}", path.display());
            for d in &diags.items {
                failures.push_str(&d.render());
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}
