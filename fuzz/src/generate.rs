//! A program generator driven by fuzz bytes.
//!
//! Every choice reads one byte; once the bytes run out every choice is 0, and choice 0
//! is always the smallest one (a literal, an empty list), so generation ends. The
//! generator tracks the type of every variable, field, function and method it declares,
//! so most programs it writes compile; the rest exercise the checker's errors.
//!
//! A program is: an optional `math` import, an optional enum, module globals, classes
//! (fields `v`, `s`, `a`, `next` and sometimes a value field of an earlier class, two
//! constructors, an optional destructor, methods, optional operators), functions (which
//! may call each other and themselves), and top-level statements.

use std::fmt::Write as _;

const MAX_EXPR_DEPTH: u32 = 4;
const MAX_STMT_DEPTH: u32 = 4;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    Float,
    Bool,
    Str,
    ArrInt,
    ArrStr,
    Obj(usize),
    Handle(usize),
}

#[derive(Clone)]
struct Var {
    name: String,
    ty: Ty,
    /// Whether the variable as a whole may be assigned (`this` and `const` may not).
    assignable: bool,
}

#[derive(Clone)]
struct Sig {
    name: String,
    ret: Option<Ty>,
    params: Vec<Ty>,
}

struct Class {
    name: String,
    /// A value field `inner` of this earlier class.
    inner: Option<usize>,
    methods: Vec<Sig>,
    plus: bool,
    equals: bool,
}

struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.data.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b
            }
            None => 0,
        }
    }

    fn below(&mut self, n: usize) -> usize {
        if n <= 1 { 0 } else { self.byte() as usize % n }
    }

    fn done(&self) -> bool {
        self.pos >= self.data.len()
    }
}

struct Gen<'a> {
    b: Bytes<'a>,
    classes: Vec<Class>,
    funcs: Vec<Sig>,
    scopes: Vec<Vec<Var>>,
    has_enum: bool,
    math: bool,
    /// Whether this program uses `try` and `throw`.
    exceptions: bool,
    loop_depth: u32,
    in_finally: bool,
    /// `Some(ret)` inside a function or method body.
    ret: Option<Option<Ty>>,
    fresh: usize,
}

const INT_TYPES: &[&str] = &["i32", "i32", "i64", "u8", "u32", "i16", "u64", "i8", "u16"];
const FLOAT_TYPES: &[&str] = &["f64", "f32"];
const INT_LITS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "7",
    "10",
    "100",
    "255",
    "256",
    "65535",
    "2147483647",
    "(-2147483647 - 1)",
    "0x7FFFFFFF",
    "0xFFFFFFFF",
    "4294967296",
    "9223372036854775807",
    "18446744073709551615",
    "-1",
    "31",
    "32",
    "63",
    "64",
];
const FLOAT_LITS: &[&str] = &[
    "0.0", "1.5", "-0.0", "0.1", "2.5f", "1e308", "1e-300", "3.25", "100.0", "0.5f",
];
const STR_LITS: &[&str] = &[
    "''",
    "'a'",
    "'hello'",
    "\"x,y,z\"",
    "'\\x41\\x00\\xff'",
    "'tab\\there'",
    "'  pad  '",
    "'\\'q\\''",
    "'\u{e9}t\u{e9}'",
    "','",
    "'abcabcabc'",
    "'0123456789abcdef0123456789abcdef'",
];
const INT_BINOPS: &[&str] = &["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"];
const FLOAT_BINOPS: &[&str] = &["+", "-", "*", "/", "%"];
const CMP_OPS: &[&str] = &["<", "<=", ">", ">=", "==", "!="];
const INT_ASSIGN_OPS: &[&str] = &[
    "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=",
];

/// The program that `data` describes.
pub fn generate(data: &[u8]) -> String {
    let mut g = Gen {
        b: Bytes { data, pos: 0 },
        classes: Vec::new(),
        funcs: Vec::new(),
        scopes: vec![Vec::new()],
        has_enum: false,
        math: false,
        exceptions: false,
        loop_depth: 0,
        in_finally: false,
        ret: None,
        fresh: 0,
    };
    g.program()
}

impl Gen<'_> {
    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.b.below(items.len())]
    }

    fn name(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    fn ty_name(&self, t: Ty) -> String {
        match t {
            Ty::Int => "i32".into(),
            Ty::Float => "f64".into(),
            Ty::Bool => "bool".into(),
            Ty::Str => "string".into(),
            Ty::ArrInt => "array<i32>".into(),
            Ty::ArrStr => "array<string>".into(),
            Ty::Obj(k) => self.classes[k].name.clone(),
            Ty::Handle(k) => format!("{}?", self.classes[k].name),
        }
    }

    /// A type to declare; class types only when there are classes.
    fn any_ty(&mut self) -> Ty {
        let n = self.classes.len();
        match self.b.below(if n > 0 { 9 } else { 6 }) {
            0 => Ty::Int,
            1 => Ty::Str,
            2 => Ty::Float,
            3 => Ty::Bool,
            4 => Ty::ArrInt,
            5 => Ty::ArrStr,
            6 | 7 => Ty::Handle(self.b.below(n)),
            _ => Ty::Obj(self.b.below(n)),
        }
    }

    fn declared_ty_name(&mut self, t: Ty) -> String {
        match t {
            Ty::Int => self.pick(INT_TYPES).into(),
            Ty::Float => self.pick(FLOAT_TYPES).into(),
            _ => self.ty_name(t),
        }
    }

    fn vars(&self, want: impl Fn(&Var) -> bool) -> Vec<Var> {
        self.scopes
            .iter()
            .flatten()
            .filter(|v| want(v))
            .cloned()
            .collect()
    }

    fn declare(&mut self, name: String, ty: Ty, assignable: bool) {
        self.scopes.last_mut().unwrap().push(Var {
            name,
            ty,
            assignable,
        });
    }

    // ---- program structure ----

    fn program(&mut self) -> String {
        let mut out = String::new();
        if self.b.below(4) == 1 {
            self.math = true;
            out.push_str("import 'math' as m;\n");
        }
        self.exceptions = self.b.below(4) == 1;
        if self.b.below(3) == 1 {
            self.has_enum = true;
            out.push_str("enum E { A, B = 5, C, D = 1 << 4 };\n");
        }
        // Signatures first: classes and functions are visible throughout the module.
        let nclasses = self.b.below(4);
        for k in 0..nclasses {
            let inner = (k > 0 && self.b.below(3) == 1).then(|| self.b.below(k));
            self.classes.push(Class {
                name: format!("C{k}"),
                inner,
                methods: Vec::new(),
                plus: false,
                equals: false,
            });
        }
        for k in 0..nclasses {
            let nm = self.b.below(4);
            for j in 0..nm {
                let sig = self.sig(format!("m{j}"));
                self.classes[k].methods.push(sig);
            }
            self.classes[k].plus = self.b.below(3) == 1;
            self.classes[k].equals = self.b.below(3) == 1;
        }
        let nfuncs = self.b.below(5);
        for j in 0..nfuncs {
            let sig = self.sig(format!("f{j}"));
            self.funcs.push(sig);
        }
        // Module globals, visible to everything written after them.
        for _ in 0..self.b.below(3) {
            let s = self.decl_stmt();
            out.push_str(&s);
            out.push('\n');
        }
        for k in 0..nclasses {
            let c = self.class(k);
            out.push_str(&c);
        }
        for j in 0..nfuncs {
            let f = self.function(j);
            out.push_str(&f);
        }
        let body = self.stmts(0, 12);
        out.push_str(&body);
        // Leftover bytes become a trailing snippet of raw text, so byte-level mutations
        // can still reach odd syntax.
        if !self.b.done() && self.b.below(32) == 31 {
            let rest = &self.b.data[self.b.pos..];
            out.extend(rest.iter().map(|&b| char::from(b % 95 + 32)));
        }
        out
    }

    fn sig(&mut self, name: String) -> Sig {
        let ret = match self.b.below(4) {
            0 => None,
            _ => Some(self.value_ty()),
        };
        let np = self.b.below(4);
        let params = (0..np).map(|_| self.any_ty()).collect();
        Sig { name, ret, params }
    }

    /// A type that can be returned and passed around as a value.
    fn value_ty(&mut self) -> Ty {
        loop {
            let t = self.any_ty();
            if !matches!(t, Ty::ArrInt | Ty::ArrStr) || self.b.below(4) == 0 {
                return t;
            }
        }
    }

    fn params(&mut self, params: &[Ty]) -> String {
        let mut parts = Vec::new();
        for (i, &t) in params.iter().enumerate() {
            let name = format!("p{i}");
            let tn = self.declared_ty_name(t);
            parts.push(format!("{tn} {name}"));
            self.declare(name, t, true);
        }
        parts.join(", ")
    }

    fn body_with_return(&mut self, ret: Option<Ty>, depth: u32) -> String {
        self.ret = Some(ret);
        let mut s = String::new();
        if let Some(t @ (Ty::ArrInt | Ty::ArrStr)) = ret {
            let tn = self.ty_name(t);
            let name = self.name("r");
            let _ = writeln!(s, "{tn} {name};");
            self.declare(name, t, true);
        }
        s.push_str(&self.stmts(depth, 5));
        if let Some(t) = ret {
            let e = self.expr(t, 2);
            let _ = writeln!(s, "return {e};");
        }
        self.ret = None;
        s
    }

    fn function(&mut self, j: usize) -> String {
        let sig = self.funcs[j].clone();
        self.scopes.push(Vec::new());
        let params = self.params(&sig.params);
        let ret = match sig.ret {
            Some(t) => self.ty_name(t),
            None => "void".into(),
        };
        let body = self.body_with_return(sig.ret, 1);
        self.scopes.pop();
        format!("{ret} {}({params}) {{\n{body}}}\n", sig.name)
    }

    fn class(&mut self, k: usize) -> String {
        let name = self.classes[k].name.clone();
        let mut out = format!("class {name} {{\n");
        // Constructors, the destructor and methods see `this`.
        self.scopes.push(vec![Var {
            name: "this".into(),
            ty: Ty::Obj(k),
            assignable: false,
        }]);
        self.ret = Some(None);
        self.scopes.push(Vec::new());
        let body = self.stmts(2, 2);
        self.scopes.pop();
        let _ = writeln!(out, "constructor() {{\n{body}}}");
        self.scopes.push(vec![Var {
            name: "v".into(),
            ty: Ty::Int,
            assignable: true,
        }]);
        let body = self.stmts(2, 3);
        let _ = writeln!(out, "constructor(i32 v) {{\nthis.v = v;\n{body}}}");
        self.scopes.pop();
        if self.b.below(2) == 1 {
            self.scopes.push(Vec::new());
            let body = self.stmts(2, 2);
            self.scopes.pop();
            let del = if self.b.below(4) != 0 {
                "delete this.next;\n"
            } else {
                ""
            };
            let _ = writeln!(out, "destructor() {{\n{del}{body}}}");
        }
        self.ret = None;
        for j in 0..self.classes[k].methods.len() {
            let sig = self.classes[k].methods[j].clone();
            self.scopes.push(Vec::new());
            let params = self.params(&sig.params);
            let ret = match sig.ret {
                Some(t) => self.ty_name(t),
                None => "void".into(),
            };
            let body = self.body_with_return(sig.ret, 2);
            self.scopes.pop();
            let _ = writeln!(out, "{ret} {}({params}) {{\n{body}}}", sig.name);
        }
        if self.classes[k].plus {
            let _ = writeln!(
                out,
                "{name} operator + ({name} r) {{ {name} t = {name}(this.v + r.v); t.s = this.s + r.s; return t; }}"
            );
        }
        if self.classes[k].equals {
            let _ = writeln!(
                out,
                "bool operator == ({name} r) {{ return this.v == r.v && this.s == r.s; }}"
            );
        }
        self.scopes.pop();
        let _ = writeln!(out, "static i32 count;");
        let _ = writeln!(out, "i32 v;\nstring s;\narray<i32> a;\n{name}? next;");
        if let Some(j) = self.classes[k].inner {
            let _ = writeln!(out, "C{j} inner;");
        }
        out.push_str("};\n");
        out
    }

    // ---- statements ----

    fn stmts(&mut self, depth: u32, max: usize) -> String {
        let n = self.b.below(max + 1);
        let mut out = String::new();
        for _ in 0..n {
            let s = self.stmt(depth);
            out.push_str(&s);
            out.push('\n');
        }
        out
    }

    fn block(&mut self, depth: u32) -> String {
        self.scopes.push(Vec::new());
        let body = self.stmts(depth + 1, 4);
        self.scopes.pop();
        format!("{{\n{body}}}")
    }

    fn loop_block(&mut self, depth: u32) -> String {
        self.loop_depth += 1;
        let b = self.block(depth);
        self.loop_depth -= 1;
        b
    }

    fn stmt(&mut self, depth: u32) -> String {
        let deep = depth >= MAX_STMT_DEPTH;
        match self.b.below(24) {
            0 | 1 => self.decl_stmt(),
            2 | 3 => self.assign_stmt(),
            4 => {
                let s = self.expr(Ty::Str, 2);
                format!("print({s});")
            }
            5 if !deep => {
                let c = self.expr(Ty::Bool, 2);
                let a = self.block(depth);
                if self.b.below(2) == 1 {
                    let e = self.block(depth);
                    format!("if ({c}) {a} else {e}")
                } else {
                    format!("if ({c}) {a}")
                }
            }
            6 if !deep => {
                let i = self.name("j");
                let lim = self.expr(Ty::Int, 1);
                self.scopes.push(Vec::new());
                self.declare(i.clone(), Ty::Int, true);
                let body = self.loop_block(depth);
                self.scopes.pop();
                format!("for (i32 {i} = 0; {i} < {lim}; {i}++) {body}")
            }
            7 if !deep => {
                let c = self.expr(Ty::Bool, 2);
                let body = self.loop_block(depth);
                format!("while ({c}) {body}")
            }
            8 if !deep => {
                let body = self.loop_block(depth);
                let c = self.expr(Ty::Bool, 2);
                format!("do {body} while ({c});")
            }
            9 if self.loop_depth > 0 && !self.in_finally => {
                let c = self.expr(Ty::Bool, 1);
                let what = if self.b.below(2) == 0 {
                    "break"
                } else {
                    "continue"
                };
                format!("if ({c}) {what};")
            }
            10 if self.ret.is_some() && !self.in_finally => match self.ret.unwrap() {
                None => "return;".into(),
                Some(t) => {
                    let c = self.expr(Ty::Bool, 1);
                    let e = self.expr(t, 2);
                    format!("if ({c}) return {e};")
                }
            },
            11 => self.array_stmt(),
            12 => {
                let hs = self.vars(|v| matches!(v.ty, Ty::Handle(_)) && v.assignable);
                if hs.is_empty() {
                    return ";".into();
                }
                let h = &hs[self.b.below(hs.len())];
                if self.b.below(3) == 0 {
                    format!("delete {}.next;", h.name)
                } else {
                    format!("delete {};", h.name)
                }
            }
            13 if !deep && self.exceptions => self.try_stmt(depth),
            14 if self.exceptions => {
                let m = self.expr(Ty::Str, 1);
                let c = self.expr(Ty::Int, 1);
                let c = if self.b.below(2) == 0 { "3".into() } else { c };
                format!("throw Error({m}, {c});")
            }
            15 => {
                let c = self.expr(Ty::Bool, 2);
                format!("assert({c}, 'a');")
            }
            16 | 17 => self.call_stmt(),
            18 => {
                let t = match self.b.below(3) {
                    0 => Ty::Int,
                    1 => Ty::Str,
                    _ => Ty::Float,
                };
                let e = self.expr(t, 2);
                let f = self.pick(&["log", "warn", "error"]);
                format!("console.{f}({e});")
            }
            19 if !deep => self.block(depth),
            20 => self.list_stmt(),
            21 => {
                let e = self.expr(Ty::Int, 2);
                format!("{e};")
            }
            22 if !self.classes.is_empty() => {
                let k = self.b.below(self.classes.len());
                let e = self.expr(Ty::Int, 1);
                format!("C{k}.count += {e};")
            }
            _ => {
                let e = self.expr(Ty::Str, 1);
                format!("{e};")
            }
        }
    }

    fn decl_stmt(&mut self) -> String {
        let t = self.any_ty();
        let tn = self.declared_ty_name(t);
        let name = self.name("x");
        let konst = matches!(t, Ty::Int | Ty::Float | Ty::Bool | Ty::Str) && self.b.below(6) == 0;
        let s = match (t, self.b.below(4)) {
            (_, 0) if !konst => format!("{tn} {name};"),
            (Ty::ArrInt | Ty::ArrStr, 1) => {
                let arrs = self.vars(|v| v.ty == t);
                if arrs.is_empty() {
                    format!("{tn} {name};")
                } else {
                    let a = &arrs[self.b.below(arrs.len())];
                    format!("{tn} {name} = {};", a.name)
                }
            }
            (Ty::ArrInt | Ty::ArrStr, _) => format!("{tn} {name};"),
            _ => {
                let e = self.expr(t, MAX_EXPR_DEPTH - 1);
                let c = if konst { "const " } else { "" };
                format!("{c}{tn} {name} = {e};")
            }
        };
        self.declare(name, t, !konst);
        s
    }

    /// A place of type `t`: an assignable variable, a field or an element.
    fn place(&mut self, t: Ty) -> Option<String> {
        let mut cands: Vec<String> = self
            .vars(|v| v.ty == t && v.assignable)
            .into_iter()
            .map(|v| v.name)
            .collect();
        // Fields of objects and of the objects handles refer to.
        for base in self.vars(|v| matches!(v.ty, Ty::Obj(_) | Ty::Handle(_))) {
            let (Ty::Obj(k) | Ty::Handle(k)) = base.ty else {
                continue;
            };
            match t {
                Ty::Int => cands.push(format!("{}.v", base.name)),
                Ty::Str => cands.push(format!("{}.s", base.name)),
                Ty::ArrInt => cands.push(format!("{}.a", base.name)),
                Ty::Handle(j) if j == k => {
                    cands.push(format!("{}.next", base.name));
                    cands.push(format!("{}.next.next", base.name));
                }
                Ty::Obj(j) if self.classes[k].inner == Some(j) => {
                    cands.push(format!("{}.inner", base.name))
                }
                _ => {}
            }
        }
        if t == Ty::Int {
            for a in self.vars(|v| v.ty == Ty::ArrInt) {
                let i = self.expr(Ty::Int, 1);
                cands.push(format!("{}[{i}]", a.name));
            }
        }
        if t == Ty::Str {
            for a in self.vars(|v| v.ty == Ty::ArrStr) {
                let i = self.expr(Ty::Int, 1);
                cands.push(format!("{}[{i}]", a.name));
            }
        }
        if cands.is_empty() {
            None
        } else {
            let i = self.b.below(cands.len());
            Some(cands.swap_remove(i))
        }
    }

    fn assign_stmt(&mut self) -> String {
        let t = self.any_ty();
        let Some(p) = self.place(t) else {
            return self.decl_stmt();
        };
        match t {
            Ty::Int => {
                let op = self.pick(INT_ASSIGN_OPS);
                match self.b.below(6) {
                    0 => format!("{p}++;"),
                    1 => format!("--{p};"),
                    _ => {
                        let e = self.expr(Ty::Int, 3);
                        format!("{p} {op} {e};")
                    }
                }
            }
            Ty::Str => {
                let op = if self.b.below(2) == 0 { "=" } else { "+=" };
                let e = if op == "+=" && self.b.below(3) == 0 {
                    self.expr(Ty::Int, 2)
                } else {
                    self.expr(Ty::Str, 3)
                };
                format!("{p} {op} {e};")
            }
            Ty::ArrInt | Ty::ArrStr => match self.var_of(t) {
                Some(a) => format!("{p} = {a};"),
                None => format!("{p}.clear();"),
            },
            Ty::Bool => {
                let op = self.pick(&["=", "&&=", "||="]);
                let e = self.expr(Ty::Bool, 2);
                format!("{p} {op} {e};")
            }
            _ => {
                let e = self.expr(t, 3);
                format!("{p} = {e};")
            }
        }
    }

    fn array_stmt(&mut self) -> String {
        let arrs = self.vars(|v| matches!(v.ty, Ty::ArrInt | Ty::ArrStr));
        let mut names: Vec<(String, Ty)> = arrs.into_iter().map(|v| (v.name, v.ty)).collect();
        for base in self.vars(|v| matches!(v.ty, Ty::Obj(_) | Ty::Handle(_))) {
            names.push((format!("{}.a", base.name), Ty::ArrInt));
        }
        if names.is_empty() {
            return self.decl_stmt();
        }
        let (a, t) = names[self.b.below(names.len())].clone();
        let elem = if t == Ty::ArrInt { Ty::Int } else { Ty::Str };
        match self.b.below(9) {
            0..=2 => {
                let e = self.expr(elem, 2);
                format!("{a}.push({e});")
            }
            3 => format!("{a}.pop();"),
            4 => {
                let i = self.expr(Ty::Int, 1);
                let e = self.expr(elem, 1);
                format!("{a}.insert(u32({i}), {e});")
            }
            5 => {
                let i = self.expr(Ty::Int, 1);
                format!("{a}.remove(u32({i}));")
            }
            6 => {
                let i = self.expr(Ty::Int, 1);
                format!("{a}.resize(u32({i}));")
            }
            7 => format!("{a}.clear();"),
            _ => {
                let i = self.expr(Ty::Int, 1);
                format!("{a}.reserve(u32({i}));")
            }
        }
    }

    fn try_stmt(&mut self, depth: u32) -> String {
        let body = self.block(depth);
        let mut out = format!("try {body}");
        let catch = self.b.below(3) != 0;
        if catch {
            self.scopes.push(Vec::new());
            let e = self.name("e");
            self.declare(format!("{e}.message"), Ty::Str, true);
            self.declare(format!("{e}.code"), Ty::Int, true);
            let h = self.block(depth);
            self.scopes.pop();
            let _ = write!(out, " catch (Error {e}) {h}");
        }
        if !catch || self.b.below(2) == 1 {
            let was = self.in_finally;
            self.in_finally = true;
            let f = self.block(depth);
            self.in_finally = was;
            let _ = write!(out, " finally {f}");
        }
        out
    }

    fn call_stmt(&mut self) -> String {
        match self.call(None, 2) {
            Some(c) => format!("{c};"),
            None => {
                let s = self.expr(Ty::Str, 2);
                format!("print({s});")
            }
        }
    }

    /// A linked-list workout on a class with a `next` handle.
    fn list_stmt(&mut self) -> String {
        if self.classes.is_empty() {
            return self.decl_stmt();
        }
        let k = self.b.below(self.classes.len());
        let n = self.expr(Ty::Int, 1);
        let h = self.name("h");
        let i = self.name("j");
        let t = self.name("t");
        let c = format!("C{k}");
        let tail = match self.b.below(4) {
            0 => format!("{h}.next.next = {h};"),
            1 => format!("delete {h};"),
            _ => String::new(),
        };
        self.declare(h.clone(), Ty::Handle(k), true);
        format!(
            "{c}? {h} = null;\nfor (i32 {i} = 0; {i} < {n}; {i}++) {{ {c}? {t} = new {c}({i}); {t}.next = {h}; {h} = {t}; }}\n{tail}"
        )
    }

    // ---- expressions ----

    /// A call of a function or method; with `want`, one whose result has that type.
    fn call(&mut self, want: Option<Ty>, depth: u32) -> Option<String> {
        let mut cands: Vec<(String, Sig)> = Vec::new();
        let has_arr_int = !self.vars(|v| v.ty == Ty::ArrInt).is_empty();
        let has_arr_str = !self.vars(|v| v.ty == Ty::ArrStr).is_empty();
        let callable = |s: &Sig| {
            s.params.iter().all(|t| match t {
                Ty::ArrInt => has_arr_int,
                Ty::ArrStr => has_arr_str,
                _ => true,
            })
        };
        for f in &self.funcs {
            if (want.is_none() || f.ret == want) && callable(f) {
                cands.push((String::new(), f.clone()));
            }
        }
        let objs = self.vars(|v| matches!(v.ty, Ty::Obj(_) | Ty::Handle(_)));
        for o in &objs {
            let (Ty::Obj(k) | Ty::Handle(k)) = o.ty else {
                continue;
            };
            for m in &self.classes[k].methods {
                if (want.is_none() || m.ret == want) && callable(m) {
                    cands.push((format!("{}.", o.name), m.clone()));
                }
            }
        }
        // Methods on temporaries.
        for (k, c) in self.classes.iter().enumerate() {
            for m in &c.methods {
                if (want.is_none() || m.ret == want) && callable(m) {
                    cands.push((format!("C{k}({}).", k + 1), m.clone()));
                }
            }
        }
        if cands.is_empty() {
            return None;
        }
        let (recv, sig) = cands.swap_remove(self.b.below(cands.len()));
        let args: Vec<String> = sig.params.iter().map(|&t| self.arg(t, depth)).collect();
        Some(format!("{recv}{}({})", sig.name, args.join(", ")))
    }

    /// An argument of type `t`; arrays are passed by reference, so they must be places.
    fn arg(&mut self, t: Ty, depth: u32) -> String {
        match t {
            Ty::ArrInt | Ty::ArrStr => {
                let arrs = self.vars(|v| v.ty == t);
                if !arrs.is_empty() {
                    return arrs[self.b.below(arrs.len())].name.clone();
                }
                // Calls are only generated when there is an array to pass.
                "'no array'".into()
            }
            _ => self.expr(t, depth.saturating_sub(1)),
        }
    }

    fn var_of(&mut self, t: Ty) -> Option<String> {
        let vs = self.vars(|v| v.ty == t);
        if vs.is_empty() {
            None
        } else {
            Some(vs[self.b.below(vs.len())].name.clone())
        }
    }

    /// An object-valued expression of class `k` usable as a receiver or operand.
    fn obj_base(&mut self) -> Option<(String, usize)> {
        let objs = self.vars(|v| matches!(v.ty, Ty::Obj(_) | Ty::Handle(_)));
        if objs.is_empty() {
            return None;
        }
        let o = &objs[self.b.below(objs.len())];
        let (Ty::Obj(k) | Ty::Handle(k)) = o.ty else {
            unreachable!()
        };
        Some((o.name.clone(), k))
    }

    fn expr(&mut self, t: Ty, depth: u32) -> String {
        if depth == 0 {
            return self.leaf(t);
        }
        let d = depth - 1;
        match t {
            Ty::Int => self.int_expr(d),
            Ty::Float => self.float_expr(d),
            Ty::Bool => self.bool_expr(d),
            Ty::Str => self.str_expr(d),
            Ty::ArrInt | Ty::ArrStr => self.leaf(t),
            Ty::Obj(k) => match self.b.below(6) {
                0 => self.leaf(t),
                1 | 2 => {
                    let e = self.expr(Ty::Int, d);
                    format!("C{k}({e})")
                }
                3 if self.classes[k].plus => {
                    let a = self.obj_value(k, d);
                    let b = self.expr(t, d);
                    format!("({a} + {b})")
                }
                4 => match self.call(Some(t), d) {
                    Some(c) => c,
                    None => self.leaf(t),
                },
                _ => {
                    // A handle where a value is expected acts on its object.
                    match self.var_of(Ty::Handle(k)) {
                        Some(h) => h,
                        None => self.leaf(t),
                    }
                }
            },
            Ty::Handle(k) => match self.b.below(6) {
                0 => self.leaf(t),
                1 => "null".into(),
                2 => {
                    let e = self.expr(Ty::Int, d);
                    format!("new C{k}({e})")
                }
                3 => match self.var_of(Ty::Handle(k)) {
                    Some(h) => format!("{h}.next"),
                    None => self.leaf(t),
                },
                4 => match self.call(Some(t), d) {
                    Some(c) => c,
                    None => self.leaf(t),
                },
                _ => format!("new C{k}"),
            },
        }
    }

    /// An object of class `k` that is not a handle (operators are looked up on it).
    fn obj_value(&mut self, k: usize, d: u32) -> String {
        match self.var_of(Ty::Obj(k)) {
            Some(v) if self.b.below(2) == 0 => v,
            _ => {
                let i = self.expr(Ty::Int, d);
                format!("C{k}({i})")
            }
        }
    }

    fn leaf(&mut self, t: Ty) -> String {
        // Prefer variables when there are some, so data flows between statements.
        if self.b.below(2) == 1
            && let Some(v) = self.var_of(t)
        {
            return v;
        }
        match t {
            Ty::Int => self.pick(INT_LITS).into(),
            Ty::Float => self.pick(FLOAT_LITS).into(),
            Ty::Bool => self.pick(&["true", "false"]).into(),
            Ty::Str => self.pick(STR_LITS).into(),
            Ty::ArrInt | Ty::ArrStr => self.var_of(t).unwrap_or_else(|| "'no array'".into()),
            Ty::Obj(k) => format!("C{k}()"),
            Ty::Handle(_) => "null".into(),
        }
    }

    fn int_expr(&mut self, d: u32) -> String {
        match self.b.below(26) {
            0..=2 => self.leaf(Ty::Int),
            3..=5 => {
                let a = self.expr(Ty::Int, d);
                let op = self.pick(INT_BINOPS);
                let b = self.expr(Ty::Int, d);
                format!("({a} {op} {b})")
            }
            6 => {
                let a = self.expr(Ty::Int, d);
                let op = self.pick(&["-", "~", "+"]);
                format!("{op}({a})")
            }
            7 => {
                let s = self.expr(Ty::Str, d);
                format!("{s}.length")
            }
            8 => match self.var_of(Ty::ArrInt) {
                Some(a) => {
                    if self.b.below(2) == 0 {
                        format!("{a}.length")
                    } else {
                        let i = self.expr(Ty::Int, d);
                        format!("{a}[{i}]")
                    }
                }
                None => self.leaf(Ty::Int),
            },
            9 => {
                let s = self.expr(Ty::Str, d);
                let i = self.expr(Ty::Int, d);
                format!("{s}.charCodeAt(u32({i}))")
            }
            10 => {
                let s = self.expr(Ty::Str, d);
                let n = self.expr(Ty::Str, d);
                if self.b.below(2) == 0 {
                    format!("{s}.indexOf({n})")
                } else {
                    format!("{s}.lastIndexOf({n})")
                }
            }
            11 | 12 => match self.call(Some(Ty::Int), d) {
                Some(c) => c,
                None => self.leaf(Ty::Int),
            },
            13 => match self.obj_base() {
                Some((o, _)) => {
                    if self.b.below(3) == 0 {
                        format!("{o}.a.length")
                    } else {
                        format!("{o}.v")
                    }
                }
                None => self.leaf(Ty::Int),
            },
            14 => {
                let c = self.expr(Ty::Bool, d);
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                format!("({c} ? {a} : {b})")
            }
            15 => {
                let f = self.expr(Ty::Float, d);
                let tn = self.pick(INT_TYPES);
                format!("{tn}({f})")
            }
            16 => match self.place(Ty::Int) {
                Some(p) => match self.b.below(4) {
                    0 => format!("{p}++"),
                    1 => format!("--{p}"),
                    _ => {
                        let op = self.pick(INT_ASSIGN_OPS);
                        let e = self.expr(Ty::Int, d);
                        format!("({p} {op} {e})")
                    }
                },
                None => self.leaf(Ty::Int),
            },
            17 if self.math => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                match self.b.below(4) {
                    0 => format!("m.abs(i32({a}))"),
                    1 => format!("m.min(i64({a}), i64({b}))"),
                    2 => format!("m.max(i32({a}), i32({b}))"),
                    _ => format!("m.random(i32({a}), i32({b}))"),
                }
            }
            18 if self.has_enum => self.pick(&["E.A", "E.B", "E.C", "E.D"]).into(),
            19 if !self.classes.is_empty() => {
                let k = self.b.below(self.classes.len());
                format!("C{k}.count")
            }
            20 => match self.var_of(Ty::ArrInt) {
                Some(a) => {
                    if self.b.below(2) == 0 {
                        format!("{a}.pop()")
                    } else {
                        let e = self.expr(Ty::Int, d);
                        format!("{a}.indexOf({e})")
                    }
                }
                None => self.leaf(Ty::Int),
            },
            21 => {
                let tn = self.pick(INT_TYPES);
                let e = self.expr(Ty::Int, d);
                format!("{tn}({e})")
            }
            22 => match self.var_of(Ty::ArrStr) {
                Some(a) => format!("{a}.length"),
                None => self.leaf(Ty::Int),
            },
            23 => {
                let b = self.expr(Ty::Bool, d);
                format!("i32({b})")
            }
            _ => {
                let a = self.expr(Ty::Int, d);
                let b = self.expr(Ty::Int, d);
                let op = self.pick(&["+", "*", "-"]);
                format!("(({a}) {op} ({b}))")
            }
        }
    }

    fn float_expr(&mut self, d: u32) -> String {
        match self.b.below(8) {
            0 | 1 => self.leaf(Ty::Float),
            2 | 3 => {
                let a = self.expr(Ty::Float, d);
                let op = self.pick(FLOAT_BINOPS);
                let b = if self.b.below(3) == 0 {
                    self.expr(Ty::Int, d)
                } else {
                    self.expr(Ty::Float, d)
                };
                format!("({a} {op} {b})")
            }
            4 => {
                let i = self.expr(Ty::Int, d);
                let tn = self.pick(FLOAT_TYPES);
                format!("{tn}({i})")
            }
            5 if self.math => {
                let a = self.expr(Ty::Float, d);
                let f = self.pick(&[
                    "sqrt", "floor", "ceil", "sin", "exp", "log", "round", "trunc", "abs",
                ]);
                format!("m.{f}(f64({a}))")
            }
            6 => match self.call(Some(Ty::Float), d) {
                Some(c) => c,
                None => self.leaf(Ty::Float),
            },
            _ => {
                let a = self.expr(Ty::Float, d);
                format!("-({a})")
            }
        }
    }

    fn bool_expr(&mut self, d: u32) -> String {
        match self.b.below(12) {
            0 | 1 => self.leaf(Ty::Bool),
            2 | 3 => {
                let t = if self.b.below(3) == 0 {
                    Ty::Float
                } else {
                    Ty::Int
                };
                let a = self.expr(t, d);
                let op = self.pick(CMP_OPS);
                let b = self.expr(t, d);
                format!("({a} {op} {b})")
            }
            4 => {
                let a = self.expr(Ty::Str, d);
                let op = self.pick(CMP_OPS);
                let b = self.expr(Ty::Str, d);
                format!("({a} {op} {b})")
            }
            5 => {
                let a = self.expr(Ty::Bool, d);
                format!("!({a})")
            }
            6 => {
                let a = self.expr(Ty::Bool, d);
                let op = self.pick(&["&&", "||", "&", "|", "^", "==", "!="]);
                let b = self.expr(Ty::Bool, d);
                format!("({a} {op} {b})")
            }
            7 => {
                let a = self.expr(Ty::Str, d);
                let b = self.expr(Ty::Str, d);
                let f = self.pick(&["includes", "startsWith", "endsWith"]);
                format!("{a}.{f}({b})")
            }
            8 => {
                let hs = self.vars(|v| matches!(v.ty, Ty::Handle(_)));
                if hs.is_empty() {
                    return self.leaf(Ty::Bool);
                }
                let h = hs[self.b.below(hs.len())].clone();
                let op = self.pick(&["==", "!="]);
                let other = match self.b.below(3) {
                    0 => self.expr(h.ty, d),
                    1 => format!("{}.next", h.name),
                    _ => "null".into(),
                };
                format!("({} {op} {other})", h.name)
            }
            9 => {
                let eq: Vec<usize> = (0..self.classes.len())
                    .filter(|&k| self.classes[k].equals)
                    .collect();
                if eq.is_empty() {
                    return self.leaf(Ty::Bool);
                }
                let k = eq[self.b.below(eq.len())];
                // The left operand must be a value: `==` on a handle compares identity.
                let a = self.obj_value(k, d);
                let b = self.expr(Ty::Obj(k), d);
                let op = self.pick(&["==", "!="]);
                format!("({a} {op} {b})")
            }
            10 => match self.call(Some(Ty::Bool), d) {
                Some(c) => c,
                None => self.leaf(Ty::Bool),
            },
            _ => match self.var_of(Ty::ArrStr) {
                Some(a) => {
                    let s = self.expr(Ty::Str, d);
                    format!("{a}.includes({s})")
                }
                None => self.leaf(Ty::Bool),
            },
        }
    }

    fn str_expr(&mut self, d: u32) -> String {
        match self.b.below(20) {
            0..=2 => self.leaf(Ty::Str),
            3..=5 => {
                let a = self.expr(Ty::Str, d);
                let b = match self.b.below(4) {
                    0 => self.expr(Ty::Int, d),
                    1 => self.expr(Ty::Float, d),
                    2 => self.expr(Ty::Bool, d),
                    _ => self.expr(Ty::Str, d),
                };
                format!("({a} + {b})")
            }
            6 => {
                let s = self.expr(Ty::Str, d);
                let a = self.expr(Ty::Int, d);
                if self.b.below(2) == 0 {
                    let b = self.expr(Ty::Int, d);
                    format!("{s}.substring(i32({a}), i32({b}))")
                } else {
                    format!("{s}.slice(i32({a}))")
                }
            }
            7 => {
                let s = self.expr(Ty::Str, d);
                let n = self.expr(Ty::Int, d);
                format!("{s}.repeat(u32({n}))")
            }
            8 => {
                let s = self.expr(Ty::Str, d);
                let f = self.pick(&["toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd"]);
                format!("{s}.{f}()")
            }
            9 => {
                let s = self.expr(Ty::Str, d);
                let a = self.expr(Ty::Str, d);
                let b = self.expr(Ty::Str, d);
                let f = self.pick(&["replace", "replaceAll"]);
                format!("{s}.{f}({a}, {b})")
            }
            10 => {
                let s = self.expr(Ty::Str, d);
                let i = self.expr(Ty::Int, d);
                if self.b.below(2) == 0 {
                    format!("{s}[{i}]")
                } else {
                    format!("{s}.charAt(u32({i}))")
                }
            }
            11 => {
                let t = if self.b.below(2) == 0 {
                    Ty::Float
                } else {
                    Ty::Int
                };
                let e = self.expr(t, d);
                let n = self.pick(&["0", "2", "6", "17", "100", "101"]);
                format!("({e}).toFixed({n})")
            }
            12 => {
                let e = self.expr(Ty::Int, d);
                format!("string.fromCharCode(i32({e}))")
            }
            13 => {
                let e = self.expr(Ty::Int, d);
                format!("string({e})")
            }
            14 | 15 => match self.call(Some(Ty::Str), d) {
                Some(c) => c,
                None => self.leaf(Ty::Str),
            },
            16 => match self.obj_base() {
                Some((o, _)) => format!("{o}.s"),
                None => self.leaf(Ty::Str),
            },
            17 => match self.var_of(Ty::ArrStr) {
                Some(a) => {
                    if self.b.below(3) == 0 {
                        format!("{a}.pop()")
                    } else {
                        let i = self.expr(Ty::Int, d);
                        format!("{a}[{i}]")
                    }
                }
                None => self.leaf(Ty::Str),
            },
            _ => {
                let a = self.expr(Ty::Str, d);
                let b = self.expr(Ty::Int, d);
                format!("('' + {b} + {a})")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::generate;

    struct XorShift(u64);
    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }
    }

    /// Most generated programs compile; prints the first diagnostics of those that
    /// do not, to keep the generator honest.
    #[test]
    fn generated_programs_mostly_compile() {
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        let (mut ok, mut ran, mut total) = (0, 0, 0);
        let mut codes = std::collections::BTreeMap::new();
        for i in 0..2000 {
            let len = 16 + (rng.next() % 600) as usize;
            let data: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let src = generate(&data);
            total += 1;
            let mut ctx = crate::context();
            match ctx.add_code("fuzz", &src) {
                Ok(m) => {
                    ok += 1;
                    if ctx.init_module(m).is_ok() {
                        ran += 1;
                    }
                }
                Err(e) => {
                    let d = &e.diagnostics[0];
                    let n = codes.entry(d.code).or_insert(0);
                    *n += 1;
                    if *n <= 4 && std::env::var_os("GJS_GEN_VERBOSE").is_some() {
                        eprintln!("--- program {i}: {} {}\n{src}", d.code, d.render());
                    }
                }
            }
        }
        eprintln!("compiled {ok}/{total}, ran to the end {ran}; errors {codes:?}");
        assert!(ok * 2 > total, "fewer than half of the programs compile");
    }
}
