//! The foreign tests: every C program in `ctests/` (C99) and every C++ program in
//! `ctests/cpp/` (C++17, over `bindings/cpp/gjs.hpp`) is compiled with warnings as
//! errors against the committed `include/gjs.h` and the built `libgjs`, then run.
//! A C++ program is one `ctests/cpp/*.cpp` file, or one directory `ctests/cpp/NAME/`
//! whose `.cpp` files are linked together. The example hosts in `examples/` are built
//! and run the same way. Every failure (compiler or program output) is reported before
//! the test fails. `CC` and `CXX` choose the compilers (default `cc` and `c++`).
//! A last test keeps `ctests/invalid_arguments.c` covering every function of the header.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// How long one test program may run.
const TIMEOUT: Duration = Duration::from_secs(120);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

mod support;
use support::library_dir;

/// `target/ctests/<profile>/<group>`: build products stay out of the source tree.
fn build_dir(group: &str) -> PathBuf {
    let lib = library_dir();
    let profile = lib.file_name().expect("a profile directory").to_owned();
    let dir = lib
        .parent()
        .expect("a target directory")
        .join("ctests")
        .join(profile)
        .join(group);
    std::fs::create_dir_all(dir.join("tmp")).unwrap();
    dir
}

#[derive(Clone, Copy)]
enum Lang {
    C,
    Cpp,
}

/// A program to build from `sources` and run.
struct Program {
    name: String,
    lang: Lang,
    sources: Vec<PathBuf>,
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

fn has_ext(p: &Path, ext: &str) -> bool {
    p.is_file() && p.extension().is_some_and(|e| e == ext)
}

fn stem(p: &Path) -> String {
    p.file_stem().unwrap().to_string_lossy().into_owned()
}

fn c_programs() -> Vec<Program> {
    sorted_entries(&root().join("ctests"))
        .into_iter()
        .filter(|p| has_ext(p, "c"))
        .map(|p| Program {
            name: stem(&p),
            lang: Lang::C,
            sources: vec![p],
        })
        .collect()
}

fn cpp_programs() -> Vec<Program> {
    let mut programs = Vec::new();
    for p in sorted_entries(&root().join("ctests/cpp")) {
        if has_ext(&p, "cpp") {
            programs.push(Program {
                name: stem(&p),
                lang: Lang::Cpp,
                sources: vec![p],
            });
        } else if p.is_dir() {
            let sources: Vec<PathBuf> = sorted_entries(&p)
                .into_iter()
                .filter(|s| has_ext(s, "cpp"))
                .collect();
            if !sources.is_empty() {
                programs.push(Program {
                    name: p.file_name().unwrap().to_string_lossy().into_owned(),
                    lang: Lang::Cpp,
                    sources,
                });
            }
        }
    }
    programs
}

fn compiler(lang: Lang) -> String {
    let (var, default) = match lang {
        Lang::C => ("CC", "cc"),
        Lang::Cpp => ("CXX", "c++"),
    };
    std::env::var(var)
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| default.to_string())
}

/// Compiles `program` into `out`; the compiler's complaint on failure.
fn compile(program: &Program, out: &Path) -> Result<(), String> {
    let lib = library_dir();
    let cc = compiler(program.lang);
    // CC may carry flags ("ccache gcc", "gcc -m64").
    let mut words = cc.split_whitespace();
    let mut cmd = Command::new(words.next().unwrap());
    cmd.args(words);
    match program.lang {
        Lang::C => cmd.arg("-std=c99"),
        Lang::Cpp => cmd.arg("-std=c++17"),
    };
    cmd.args(["-Wall", "-Wextra", "-Werror", "-pedantic", "-pthread", "-g"])
        .arg("-I")
        .arg(root().join("include"));
    if let Lang::Cpp = program.lang {
        cmd.arg("-I").arg(root().join("bindings/cpp"));
    }
    cmd.args(&program.sources)
        .arg("-o")
        .arg(out)
        .arg(format!("-L{}", lib.display()))
        .arg("-lgjs")
        .arg(format!("-Wl,-rpath,{}", lib.display()))
        .arg("-lpthread");
    let output = cmd
        .output()
        .map_err(|e| format!("cannot run the compiler `{cc}`: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "compiling failed: {cmd:?}\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Runs `exe` in `cwd` with a time limit; its exit status (None when it was killed
/// for taking too long) and everything it printed.
fn run(exe: &Path, cwd: &Path, tmp: &Path) -> Result<(Option<ExitStatus>, String), String> {
    let stdout_path = exe.with_extension("stdout");
    let stderr_path = exe.with_extension("stderr");
    // Files rather than pipes: nothing can block on a full pipe while we wait.
    let stdout = std::fs::File::create(&stdout_path).map_err(|e| e.to_string())?;
    let stderr = std::fs::File::create(&stderr_path).map_err(|e| e.to_string())?;
    let mut child = Command::new(exe)
        .current_dir(cwd)
        .env("TMPDIR", tmp)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let text = format!(
        "{}{}",
        std::fs::read_to_string(&stdout_path).unwrap_or_default(),
        std::fs::read_to_string(&stderr_path).unwrap_or_default()
    );
    Ok((status, text))
}

/// Builds and runs every program; one report line (and its output) per failure.
fn build_and_run(group: &str, programs: &[Program]) -> Vec<String> {
    let dir = build_dir(group);
    let tmp = dir.join("tmp");
    let mut failures = Vec::new();
    for program in programs {
        let exe = dir.join(&program.name);
        let _ = std::fs::remove_file(&exe);
        if let Err(e) = compile(program, &exe) {
            failures.push(format!("{group}/{}: {e}", program.name));
            continue;
        }
        match run(&exe, &dir, &tmp) {
            Ok((Some(status), _)) if status.success() => {}
            Ok((Some(status), text)) => {
                failures.push(format!("{group}/{}: {status}\n{text}", program.name))
            }
            Ok((None, text)) => failures.push(format!(
                "{group}/{}: still running after {TIMEOUT:?}, killed\n{text}",
                program.name
            )),
            Err(e) => failures.push(format!("{group}/{}: {e}", program.name)),
        }
    }
    failures
}

fn check(group: &str, programs: Vec<Program>, at_least: usize) {
    assert!(
        programs.len() >= at_least,
        "found only {} {group} programs",
        programs.len()
    );
    let failures = build_and_run(group, &programs);
    if !failures.is_empty() {
        for f in &failures {
            eprintln!("---- {f}");
        }
        panic!(
            "{} of {} {group} programs failed (see above)",
            failures.len(),
            programs.len()
        );
    }
}

#[test]
fn c_programs_against_the_c_api() {
    check("c", c_programs(), 8);
}

#[test]
fn cpp_programs_against_the_wrapper() {
    check("cpp", cpp_programs(), 4);
}

#[test]
fn example_hosts_build_and_run() {
    let programs = vec![
        Program {
            name: "c_host".into(),
            lang: Lang::C,
            sources: vec![root().join("examples/c_host/main.c")],
        },
        Program {
            name: "cpp_host".into(),
            lang: Lang::Cpp,
            sources: vec![root().join("examples/cpp_host/main.cpp")],
        },
    ];
    check("examples", programs, 2);
}

/// The functions `include/gjs.h` declares with parameters: `name(` after a return type
/// at the start of a line, unless the parameter list is `(void)`.
fn functions_with_parameters(header: &str) -> Vec<String> {
    header
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("typedef") && !l.starts_with('#'))
        .filter_map(|l| {
            let open = l.find('(')?;
            let name = l[..open].split([' ', '*']).next_back()?;
            let takes_nothing = l[open..].starts_with("(void)");
            (name.starts_with("gjs_") && !takes_nothing).then(|| name.to_string())
        })
        .collect()
}

#[test]
fn every_function_is_tried_with_bad_arguments() {
    let header = std::fs::read_to_string(root().join("include/gjs.h")).unwrap();
    let test = std::fs::read_to_string(root().join("ctests/invalid_arguments.c")).unwrap();
    let functions = functions_with_parameters(&header);
    assert!(functions.len() >= 40, "found only {functions:?}");
    let missing: Vec<&String> = functions
        .iter()
        .filter(|f| !test.contains(&format!("{f}(")))
        .collect();
    assert!(
        missing.is_empty(),
        "ctests/invalid_arguments.c does not try these with NULL and nonsense: {missing:?}"
    );
}
