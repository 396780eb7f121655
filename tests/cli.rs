//! Tests of the `gjs` command-line tool (`embedding.md` sections 3 and 10): exit statuses,
//! where output and diagnostics go, and the `run`, `check`, `disasm` and `--version` commands.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// A command that has not finished after this long is killed and the test fails.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("gjs-cli-{}-{tag}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("cannot create a temp dir");
        TempDir(path)
    }

    /// Writes `name` with `source` and returns its path.
    fn file(&self, name: &str, source: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, source).expect("cannot write a test program");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit code: {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}

fn path_arg(p: &Path) -> &str {
    p.to_str().expect("temp path is not UTF-8")
}

/// Runs the `gjs` binary with `args`, capturing both streams, with a time limit.
fn gjs(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gjs"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the gjs binary");
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait().expect("cannot wait for gjs") {
            Some(status) => break status,
            None if started.elapsed() > COMMAND_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "gjs {args:?} did not finish within {} s and was killed",
                    COMMAND_TIMEOUT.as_secs()
                );
            }
            None => thread::sleep(Duration::from_millis(20)),
        }
    };
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
    Output {
        code: status.code(),
        stdout,
        stderr,
    }
}

/// True if some line of `text` contains `STEM.gjs:LINE:` or `STEM:LINE:` (the file may be shown
/// by its path or by its module name).
fn mentions_location(text: &str, stem: &str, line: u32) -> bool {
    text.contains(&format!("{stem}.gjs:{line}:")) || text.contains(&format!("{stem}:{line}:"))
}

const HELLO: &str = "\
string greeting = 'hello';
print(greeting + ', world');
i32 a = 40;
print('' + (a + 2));
";

#[test]
fn run_prints_output_and_exits_0() {
    let dir = TempDir::new("hello");
    let file = dir.file("hello.gjs", HELLO);
    let out = gjs(&["run", path_arg(&file)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "hello, world\n42\n", "{out:?}");
    assert_eq!(out.stderr, "", "nothing should go to stderr: {out:?}");
}

#[test]
fn run_console_log_goes_to_stdout_and_warn_to_stderr() {
    let dir = TempDir::new("console");
    let file = dir.file(
        "console.gjs",
        "console.log(7);\nconsole.warn('careful');\nprint('done');\n",
    );
    let out = gjs(&["run", path_arg(&file)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "7\ndone\n", "{out:?}");
    assert!(out.stderr.contains("careful"), "{out:?}");
}

const BAD: &str = "\
print('must not run');
i32 x = 'hello';
";

#[test]
fn run_compile_error_exits_1_with_located_diagnostic() {
    let dir = TempDir::new("bad");
    let file = dir.file("bad.gjs", BAD);
    let out = gjs(&["run", path_arg(&file)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(
        out.stdout, "",
        "no code may run after a compile error: {out:?}"
    );

    // FILE:LINE:COLUMN: error[E0300]: message -- E0300 points at the converted expression,
    // which starts at column 9 of line 2.
    let lines: Vec<&str> = out.stderr.lines().collect();
    let head = lines
        .iter()
        .position(|l| l.contains(":2:9: error[E0300]: "))
        .unwrap_or_else(|| panic!("no 'FILE:2:9: error[E0300]: ' line: {out:?}"));
    let prefix = &lines[head][..lines[head].find(":2:9: error[E0300]: ").unwrap()];
    assert!(
        prefix.ends_with("bad.gjs") || prefix.ends_with("bad"),
        "the diagnostic should start with the file: {out:?}"
    );

    // Then the source line and a caret under column 9.
    let (src_index, src_line) = lines
        .iter()
        .enumerate()
        .skip(head + 1)
        .find(|(_, l)| l.contains("i32 x = 'hello';"))
        .unwrap_or_else(|| panic!("the source line is not shown: {out:?}"));
    let caret_line = lines
        .get(src_index + 1)
        .unwrap_or_else(|| panic!("no caret line after the source line: {out:?}"));
    let expected_col = src_line.find("'hello'").unwrap();
    assert_eq!(
        caret_line.find('^'),
        Some(expected_col),
        "the caret should be under 'hello': {out:?}"
    );
}

#[test]
fn run_division_by_zero_exits_3_with_location() {
    let dir = TempDir::new("div");
    let file = dir.file(
        "div.gjs",
        "print('before');\ni32 zero = 0;\ni32 q = 10 / zero;\nprint('after ' + q);\n",
    );
    let out = gjs(&["run", path_arg(&file)]);
    assert_eq!(out.code, Some(3), "{out:?}");
    assert_eq!(out.stdout, "before\n", "{out:?}");
    assert!(out.stderr.contains("division by zero"), "{out:?}");
    assert!(
        mentions_location(&out.stderr, "div", 3),
        "stderr should locate the fault at line 3: {out:?}"
    );
}

#[test]
fn run_unbounded_recursion_exits_5() {
    let dir = TempDir::new("deep");
    let file = dir.file(
        "deep.gjs",
        "i32 down(i32 n) {\n    return down(n + 1) + 1;\n}\nprint('start');\nprint('' + down(0));\n",
    );
    let out = gjs(&["run", path_arg(&file)]);
    assert_eq!(out.code, Some(5), "{out:?}");
    assert_eq!(out.stdout, "start\n", "{out:?}");
    assert!(
        !out.stderr.is_empty(),
        "the error should be reported on stderr: {out:?}"
    );
}

#[test]
fn run_step_budget_stops_an_infinite_loop_with_6() {
    let dir = TempDir::new("spin");
    let file = dir.file(
        "spin.gjs",
        "print('spinning');\ni32 n = 0;\nwhile (true) {\n    n++;\n}\n",
    );
    let out = gjs(&["run", path_arg(&file), "--steps", "1000"]);
    assert_eq!(out.code, Some(6), "{out:?}");
    assert_eq!(out.stdout, "spinning\n", "{out:?}");
}

#[test]
fn run_memory_cap_exits_4() {
    let dir = TempDir::new("grow");
    let file = dir.file(
        "grow.gjs",
        "print('growing');\nstring s = 'x';\nwhile (true) {\n    s += s;\n}\n",
    );
    let out = gjs(&[
        "run",
        path_arg(&file),
        "--memory-size",
        "65536",
        "--max-memory-size",
        "1048576",
    ]);
    assert_eq!(out.code, Some(4), "{out:?}");
    assert_eq!(out.stdout, "growing\n", "{out:?}");
    assert!(out.stderr.contains("out of memory"), "{out:?}");
}

#[test]
fn run_missing_file_exits_9() {
    let dir = TempDir::new("missing");
    let file = dir.0.join("does_not_exist.gjs");
    let out = gjs(&["run", path_arg(&file)]);
    assert_eq!(out.code, Some(9), "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    assert!(
        !out.stderr.is_empty(),
        "the IO error should be reported: {out:?}"
    );
}

#[test]
fn check_good_file_exits_0_without_running_it() {
    let dir = TempDir::new("check-good");
    let file = dir.file("good.gjs", HELLO);
    let out = gjs(&["check", path_arg(&file)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert_eq!(out.stdout, "", "check must not run the program: {out:?}");
}

#[test]
fn check_bad_file_exits_1_with_diagnostics() {
    let dir = TempDir::new("check-bad");
    let file = dir.file("bad.gjs", BAD);
    let out = gjs(&["check", path_arg(&file)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    assert!(out.stderr.contains("error[E0300]"), "{out:?}");
    assert!(mentions_location(&out.stderr, "bad", 2), "{out:?}");
}

#[test]
fn check_reports_every_error() {
    let dir = TempDir::new("check-many");
    let file = dir.file(
        "many.gjs",
        "i32 a = 'one';\nvoid f() {\n    undefinedThing = 2;\n}\nstring s = 5;\n",
    );
    let out = gjs(&["check", path_arg(&file)]);
    assert_eq!(out.code, Some(1), "{out:?}");
    for line in [1, 3, 5] {
        assert!(
            mentions_location(&out.stderr, "many", line),
            "an error on line {line} should be reported: {out:?}"
        );
    }
}

#[test]
fn disasm_exits_0_and_shows_source_lines() {
    let dir = TempDir::new("disasm");
    let file = dir.file(
        "listing.gjs",
        "i32 distinctiveName = 40 + 2;\nprint('value ' + distinctiveName);\n",
    );
    let out = gjs(&["disasm", path_arg(&file)]);
    assert_eq!(out.code, Some(0), "{out:?}");
    assert!(
        out.stdout.contains("i32 distinctiveName = 40 + 2;"),
        "the listing should show the source line: {out:?}"
    );
}

#[test]
fn version_prints_the_crate_version() {
    let out = gjs(&["--version"]);
    assert_eq!(out.code, Some(0), "{out:?}");
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(version, "0.1.0");
    assert!(
        out.stdout.lines().any(|l| l.contains(version)),
        "--version should print a line containing {version}: {out:?}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = TempDir::new("usage");
    let file = dir.file("hello.gjs", HELLO);
    let cases: [&[&str]; 5] = [
        &["frobnicate", path_arg(&file)],
        &["run"],
        &["check"],
        &["disasm"],
        &[],
    ];
    for args in cases {
        let out = gjs(args);
        assert_eq!(out.code, Some(2), "gjs {args:?}: {out:?}");
        assert!(
            !out.stdout.contains("hello, world"),
            "gjs {args:?} should not run the program: {out:?}"
        );
    }
}

#[test]
fn an_exhausted_step_budget_is_not_catchable() {
    let dir = std::env::temp_dir().join(format!("gjs-cli-steps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("spin.gjs");
    std::fs::write(
        &file,
        "try { while (true) { } } catch (Error e) { print('caught'); } finally { print('fin'); }\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gjs"))
        .args(["run", "--steps", "100000"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "GJS_INTERRUPTED");
    assert!(out.stdout.is_empty(), "no catch or finally block ran");
    std::fs::remove_dir_all(&dir).ok();
}
