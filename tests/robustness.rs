//! Malformed and hostile programs: whatever the input, compiling and running it ends
//! with a diagnostic or a runtime error, never a panic, a crash or a hang.
//!
//! Inputs are the conformance programs mutated by a fixed-seed generator (bytes
//! deleted, duplicated, swapped, replaced by punctuation or keywords), plus
//! hand-written extremes. Every mutant that compiles is run with a small step budget
//! and memory cap.

use gjs::{Config, Context, Status, Value};
use std::path::Path;

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
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    ";",
    ",",
    ".",
    "=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "<<",
    ">>",
    "&&",
    "||",
    "!",
    "~",
    "?",
    ":",
    "'",
    "\"",
    "\\",
    "0x",
    "1e",
    "99999999999999999999999",
    "i32 ",
    "string ",
    "return ",
    "break;",
    "continue;",
    "while (true) ",
    "for (;;) ",
    "do ",
    "if (",
    "else ",
    "enum E { A }",
    "void f() {}",
    "print(",
    "__x",
    "class ",
    "new ",
    "null",
    "this",
    "\0",
    "\u{e9}",
];

fn mutate(rng: &mut XorShift, src: &[u8]) -> Vec<u8> {
    let mut v = src.to_vec();
    for _ in 0..1 + rng.below(4) {
        if v.is_empty() {
            break;
        }
        let at = rng.below(v.len());
        match rng.below(5) {
            0 => {
                let n = 1 + rng.below(8).min(v.len() - at);
                v.drain(at..(at + n).min(v.len()));
            }
            1 => {
                let n = 1 + rng.below(16);
                let end = (at + n).min(v.len());
                let piece = v[at..end].to_vec();
                let to = rng.below(v.len());
                v.splice(to..to, piece);
            }
            2 => {
                let b = rng.below(v.len());
                v.swap(at, b);
            }
            _ => {
                let p = PIECES[rng.below(PIECES.len())].as_bytes();
                v.splice(at..at, p.iter().copied());
            }
        }
    }
    v
}

mod limited;

/// The limits every mutant runs under: a 200,000-step budget.
fn small_context() -> Context {
    limited::quiet_context(200_000)
}

/// Compiles and runs `src`; returns the status it ended with.
fn run(src: &[u8]) -> Status {
    limited::compile_and_run(&mut small_context(), src)
}

fn corpus() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut out = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "gjs") {
                out.push(std::fs::read(&p).expect("readable test file"));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn mutated_programs_never_panic() {
    let corpus = corpus();
    assert!(corpus.len() > 50, "the conformance corpus is present");
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut statuses = std::collections::HashMap::new();
    for i in 0..mutant_count() {
        let base = &corpus[i % corpus.len()];
        let src = mutate(&mut rng, base);
        let status = std::panic::catch_unwind(|| run(&src))
            .unwrap_or_else(|_| panic!("panic on mutant {i}:\n{}", String::from_utf8_lossy(&src)));
        *statuses.entry(status).or_insert(0) += 1;
    }
    eprintln!("mutant outcomes: {statuses:?}");
    // Both outcomes must be exercised, or the mutator is not testing anything.
    assert!(statuses.get(&Status::CompileError).copied().unwrap_or(0) > 100);
    assert!(statuses.get(&Status::Ok).copied().unwrap_or(0) > 50);
}

#[test]
fn extremes_give_clear_errors() {
    let deep_parens = format!("i32 x = {}1{};", "(".repeat(10_000), ")".repeat(10_000));
    let deep_blocks = format!("{}{}", "{".repeat(10_000), "}".repeat(10_000));
    let long_ident = format!("i32 {} = 1;", "a".repeat(100_000));
    // Half of the 1 MiB memory cap: the literal is stored in VM memory.
    let long_line = format!("print('{}');", "x".repeat(400_000));
    let cases: Vec<(Vec<u8>, Status)> = vec![
        (deep_parens.into_bytes(), Status::CompileError),
        (deep_blocks.into_bytes(), Status::CompileError),
        (long_ident.into_bytes(), Status::Ok),
        (long_line.into_bytes(), Status::Ok),
        (
            b"i32 x = 99999999999999999999999999;".to_vec(),
            Status::CompileError,
        ),
        (b"i32 x = 0x;".to_vec(), Status::CompileError),
        (b"print('unterminated);".to_vec(), Status::CompileError),
        (b"/* never closed".to_vec(), Status::CompileError),
        (b"i32 a = 1;\0 i32 b = 2;".to_vec(), Status::CompileError),
        (vec![0xff, 0xfe, b'i', b'3', b'2'], Status::CompileError),
        (b"while (true) {}".to_vec(), Status::Interrupted),
        (b"void f() { f(); } f();".to_vec(), Status::StackOverflow),
        (
            b"string s = 'x'; while (true) { s += s; }".to_vec(),
            Status::OutOfMemory,
        ),
        (
            b"i32 z = 0; print('' + 1 / z);".to_vec(),
            Status::RuntimeError,
        ),
    ];
    for (src, want) in cases {
        let got = run(&src);
        assert_eq!(
            got,
            want,
            "for input starting {:?}",
            String::from_utf8_lossy(&src[..src.len().min(60)])
        );
    }
}

#[test]
fn a_context_survives_errors() {
    let mut ctx = small_context();
    assert!(ctx.add_code("bad", "i32 x = 'no';").is_err());
    let m = ctx.add_code("div", "i32 z = 0; i32 q = 1 / z;").unwrap();
    let e = ctx.init_module(m).unwrap_err();
    assert_eq!(e.status, Status::RuntimeError);
    // The failed module stays failed; a new module runs normally.
    assert_eq!(ctx.init_module(m).unwrap_err(), e);
    let ok = ctx
        .add_code("ok", "i32 y = 6 * 7; assert(y == 42);")
        .unwrap();
    ctx.init_module(ok).unwrap();
    let spin = ctx.add_code("spin", "while (true) { }").unwrap();
    assert_eq!(
        ctx.init_module(spin).unwrap_err().status,
        Status::Interrupted
    );
    let after = ctx.add_code("after", "i32 w = 1;").unwrap();
    ctx.init_module(after).unwrap();
}

/// 1500 by default; `GJS_FUZZ_MUTANTS=N` for a longer soak.
fn mutant_count() -> usize {
    std::env::var("GJS_FUZZ_MUTANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500)
}

/// A method that deletes its own object and then writes through `this` (a script error,
/// spec 5.7) scribbles over whatever reuses the storage: strings, array headers. The
/// runtime must stay inside the context: no panic, an ordinary status.
#[test]
fn stale_object_references_stay_inside_the_context() {
    let template = r#"
class Holder {
    array<i32> items;
    string label;
    i32 pad;
};
class Victim {
    void smash(Victim? self) {
        delete self;
        string s = 'LIT' + 'x';
        Holder? h = new Holder();
        h.items.push(1);
        h.label = 'LIT';
        this.a = VAL; this.b = VAL; this.c = VAL; this.d = VAL; this.e = VAL; this.f = VAL;
        print(s);
        print('len ' + s.length);
        h.items.push(2);
        print('' + h.items[0] + h.label.length);
        s += 'more';
        h.label += 'more';
        delete h;
    }
    i32 a; i32 b; i32 c; i32 d; i32 e; i32 f;
};
Victim? g = new Victim();
g.smash(g);
"#;
    for len in [0usize, 1, 4, 7, 8, 12, 16, 24, 40] {
        for val in ["2000000000", "-1", "8", "65536", "123"] {
            let src = template
                .replace("LIT", &"q".repeat(len))
                .replace("VAL", val);
            let status = std::panic::catch_unwind(|| run(src.as_bytes()))
                .unwrap_or_else(|_| panic!("panic for string length {len}, value {val}"));
            assert!(
                matches!(
                    status,
                    Status::Ok | Status::RuntimeError | Status::OutOfMemory
                ),
                "string length {len}, value {val}: {status:?}"
            );
        }
    }
}

/// Objects, strings and arrays that die give their memory back: a loop making and
/// dropping them (stack objects, copies, `new`/`delete` lists with object fields)
/// runs in a fixed 256 KiB heap for as long as it likes.
#[test]
fn memory_returns_to_its_baseline_after_objects_die() {
    let src = r#"
class Item {
    constructor() { }
    constructor(i32 i) {
        this.name = 'item ' + i;
        this.values.push(i);
        this.values.push(i * 2);
    }
    string name;
    array<i32> values;
};
class Node {
    constructor(i32 v) { this.v = v; }
    destructor() { delete this.next; }
    i32 v;
    Node? next;
    Item payload;
};
i64 total = 0;
for (i32 i = 0; i < 20000; i++) {
    Item a = Item(i);
    Item b = a;
    Node? list = null;
    for (i32 k = 0; k < 3; k++) {
        Node? n = new Node(k);
        n.payload = a;
        n.next = list;
        list = n;
    }
    string s = a.name + b.name;
    array<string> names;
    names.push(s);
    total += list.payload.values[1] + names.length;
    delete list;
}
print('' + total);
"#;
    let mut ctx = heap_256k();
    let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = out.clone();
    ctx.set_output(Box::new(move |b: &[u8]| {
        sink.lock().unwrap().extend_from_slice(b)
    }));
    let m = ctx.add_code("churn", src).expect("compiles");
    let before = ctx.memory_in_use();
    ctx.init_module(m).expect("runs in 256 KiB");
    // sum of 2i + 1 for i < 20000 is 20000^2.
    assert_eq!(String::from_utf8_lossy(&out.lock().unwrap()), "400000000\n");
    assert!(
        ctx.memory_in_use() <= before + 4096,
        "memory went back down"
    );
}

#[test]
fn memory_returns_to_its_baseline_after_exceptions() {
    // Thrown, caught, rethrown through finally, uncaught and host-call failures: none
    // of them may leave exception objects, their strings or unwound locals behind.
    let src = r#"
i32 drops = 0;
class Ex {
    constructor(string n) { this.name = n; }
    destructor() { drops++; }
    string name;
};
void deep(i32 n) {
    string s = 'level ' + n;
    array<string> held;
    held.push(s);
    if (n == 0) throw Ex('deep ' + s);
    deep(n - 1);
}
i32 caught = 0;
void churn(i32 rounds) {
    for (i32 i = 0; i < rounds; i++) {
        try { throw new Error('e' + i); } catch (Error e) { caught++; }
        try { deep(4); } catch (Ex e) { caught++; }
        try { try { deep(2); } finally { caught++; } } catch (Ex e) { caught++; }
        try { try { throw Ex('first'); } finally { throw Error('second'); } } catch (Error e) { caught++; }
        array<i32> a;
        try { a[3] = 1; } catch (Error e) { caught++; }
    }
}
void fail() { deep(3); }
"#;
    let (mut ctx, m, before) = churned("exceptions", src);
    let fail = ctx.function(m, "fail").expect("fail");
    for _ in 0..100 {
        let e = ctx.call(fail, &[]).expect_err("uncaught");
        assert_eq!(e.status, Status::RuntimeError);
        assert_eq!(e.message, "uncaught exception of type Ex");
        assert_eq!(e.type_name, "Ex");
    }
    assert_eq!(
        ctx.memory_in_use(),
        before,
        "memory in use is back where it was"
    );
}

#[test]
fn memory_returns_to_its_baseline_after_failed_constructions() {
    // A construction that raises must free a `new` object's block, destroy the fields
    // built before the failure (strings, arrays, object fields) and close an array slot
    // opened for the element; nothing of it may stay allocated.
    let src = r#"
class Part {
    constructor() { this.s = 'part ' + 1; this.a.push(this.s); }
    string s;
    array<string> a;
};
class Bad {
    constructor() { throw Error('field ' + 2); }
    string s;
};
class Outer {
    Part a;
    string label;
    Part b;
    Bad c;
    Part d;
};
class Raises {
    constructor(i32 v) { this.label = 'v' + v; this.parts.push(this.a); throw Error('body ' + v); }
    Part a;
    string label;
    array<Part> parts;
};
class Copyable {
    constructor(string s) { this.s = s; }
    constructor(Copyable o) { if (o.s == 'bad') throw Error('copy'); this.s = o.s + '+'; }
    string s;
    Part p;
};
class Plain {
    Part a;
    string label;
};
string fail(i32 i) { throw Error('value ' + i); }
i32 caught = 0;
void churn(i32 rounds) {
    array<Copyable> good;
    good.push(Copyable('ok'));
    array<Copyable> mixed;
    mixed.push(Copyable('ok'));
    mixed.push(Copyable('ok'));
    mixed[1].s = 'bad';
    for (i32 i = 0; i < rounds; i++) {
        try { Outer? h = new Outer(); } catch (Error e) { caught++; }
        try { Outer o; } catch (Error e) { caught++; }
        try { Raises? h = new Raises(i); } catch (Error e) { caught++; }
        try { Raises r = Raises(i); } catch (Error e) { caught++; }
        try { Plain p = Plain({ label: fail(i) }); } catch (Error e) { caught++; }
        try { good.push(mixed[1]); } catch (Error e) { caught++; }
        try { array<Copyable> copy = mixed; } catch (Error e) { caught++; }
        try { good = mixed; } catch (Error e) { caught++; }
    }
    assert(good.length == 1, 'no element added');
}
"#;
    let (mut ctx, _, before) = churned("constructions", src);
    assert_eq!(
        ctx.memory_in_use(),
        before,
        "memory in use is back where it was"
    );
}

#[test]
fn memory_returns_to_its_baseline_after_splits() {
    // `split` results as variables, temporaries, arguments, results, assigned values and
    // elements, and splits that run out of memory part way (the 24 parts of `big` need
    // 24 blocks of 8 KiB beside its own 128 KiB): none may leave a part or an array behind.
    // The faults come once `rows` is full (round 9 of 50): freed blocks keep their size
    // class, so a fault that took the last free heap first would starve later rounds.
    let src = r#"
string line = 'ab,cd,,ef,'.repeat(u32(10));
string big = ('y'.repeat(u32(4100)) + ',').repeat(u32(24));
array<string> keep(string s) { return s.split(','); }
i32 count(array<string> a) { return i32(a.length); }
i32 caught = 0;
i32 seen = 0;
void churn(i32 rounds) {
    array<array<string>> rows;
    for (i32 i = 0; i < rounds; i++) {
        array<string> p = line.split(',');
        seen = count(line.split(',')) + i32(line.split(',')[1].length) + i32(keep(line).length);
        rows.push(line.split(''));
        if (rows.length > 3) rows.remove(u32(0));
        p = line.split('cd');
        line.split(',');
        if (i % 50 == 9) {
            try { array<string> all = big.split(','); } catch (Error e) { caught++; }
            try { seen = i32(big.split(',').length); } catch (Error e) { caught++; }
            try { rows.push(big.split(',')); } catch (Error e) { caught++; }
        }
    }
}
i32 caughtCount() { return caught * 1000 + seen; }
"#;
    let (mut ctx, m, before) = churned("splits", src);
    assert_eq!(
        ctx.memory_in_use(),
        before,
        "memory in use is back where it was"
    );
    // 3 faults in round 9 of the warm-up and in 100 rounds of the 5,000; `seen` is
    // 41 + 2 + 41 (10 copies of 'ab,cd,,ef,' hold 40 commas: 41 parts, the second 'cd').
    let f = ctx.function(m, "caughtCount").expect("caughtCount");
    assert_eq!(
        ctx.call(f, &[]).unwrap(),
        Value::I32(303 * 1000 + 41 + 2 + 41)
    );
}

/// A context whose heap starts at 128 KiB and may grow to 256 KiB.
fn heap_256k() -> Context {
    Context::new(Config {
        stack_size: 64 * 1024,
        memory_size: 128 * 1024,
        max_memory_size: 256 * 1024,
        ..Config::default()
    })
}

/// Compiles module `name` from `src` into a 256 KiB context, initialises it, calls its
/// `churn(i32 rounds)` once for 10 rounds (warm-up) and then for 5,000; returns the
/// context, the module and the memory in use between the two calls.
fn churned(name: &str, src: &str) -> (Context, gjs::ModuleId, u64) {
    let mut ctx = heap_256k();
    let m = ctx.add_code(name, src).expect("compiles");
    ctx.init_module(m).expect("initialises");
    let churn = ctx.function(m, "churn").expect("churn");
    ctx.call(churn, &[Value::I32(10)]).expect("warm-up");
    let before = ctx.memory_in_use();
    ctx.call(churn, &[Value::I32(5000)])
        .expect("runs in 256 KiB");
    (ctx, m, before)
}
