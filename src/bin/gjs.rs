//! The `gjs` command-line tool (embedding.md §10).
//!
//! ```text
//! gjs run FILE.gjs [-I DIR]... [--stack-size N] [--memory-size N] [--max-memory-size N] [--steps N]
//! gjs check FILE.gjs [-I DIR]...
//! gjs disasm FILE.gjs [-I DIR]...
//! gjs --version
//! ```
//!
//! The exit code is the status of what ended the run (0, 1, 3, 4, 5, 6, 8, 9, 70), and
//! 2 for a usage error. Script output goes to stdout; diagnostics and runtime errors go
//! to stderr as `FILE:LINE:COLUMN: error[CODE]: message`, the source line and a caret.

use gjs::{Config, Context, LoadError, RuntimeError, Status};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: gjs run FILE.gjs [-I DIR]... [--stack-size N] [--memory-size N] [--max-memory-size N] [--steps N]
       gjs check FILE.gjs [-I DIR]...
       gjs disasm FILE.gjs [-I DIR]...
       gjs --version";

enum Command {
    Run,
    Check,
    Disasm,
}

struct Options {
    command: Command,
    file: PathBuf,
    config: Config,
}

fn parse_number(flag: &str, value: Option<String>) -> Result<u64, String> {
    let v = value.ok_or_else(|| format!("{flag} needs a value"))?;
    v.parse::<u64>()
        .map_err(|_| format!("{flag}: '{v}' is not a non-negative integer"))
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let command = match args.next().as_deref() {
        Some("--version") | Some("-V") => return Ok(None),
        Some("run") => Command::Run,
        Some("check") => Command::Check,
        Some("disasm") => Command::Disasm,
        Some(other) => return Err(format!("unknown command '{other}'")),
        None => return Err("missing command".into()),
    };
    let mut file = None;
    let mut config = Config::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-I" => {
                let dir = args.next().ok_or("-I needs a directory")?;
                config.search_paths.push(PathBuf::from(dir));
            }
            "--stack-size" | "--memory-size" => {
                let n = parse_number(&arg, args.next())?;
                let n = u32::try_from(n).map_err(|_| format!("{arg}: {n} is above 4294967295"))?;
                if arg == "--stack-size" {
                    config.stack_size = n;
                } else {
                    config.memory_size = n;
                }
            }
            "--max-memory-size" => config.max_memory_size = parse_number(&arg, args.next())?,
            "--steps" => config.steps = parse_number(&arg, args.next())?,
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option '{flag}'"));
            }
            path => {
                if file.replace(PathBuf::from(path)).is_some() {
                    return Err("more than one file given".into());
                }
            }
        }
    }
    let file = file.ok_or("missing FILE")?;
    Ok(Some(Options {
        command,
        file,
        config,
    }))
}

fn exit(status: Status) -> ExitCode {
    ExitCode::from(status as i32 as u8)
}

/// Prints a runtime error in the diagnostic format, located at its innermost frame.
fn report_runtime(ctx: &Context, module: gjs::ModuleId, file: &Path, e: &RuntimeError) {
    let mut err = std::io::stderr().lock();
    let src = ctx.module_source(module);
    let code = format!("R{:04}", e.code);
    match e.backtrace.first() {
        Some(top) if top.line > 0 => {
            let name = if top.module == src.name {
                file.display().to_string()
            } else {
                top.module.clone()
            };
            let _ = writeln!(
                err,
                "{name}:{}:{}: error[{code}]: {}",
                top.line,
                top.column,
                e.headline()
            );
            if top.module == src.name {
                let text = String::from_utf8_lossy(src.line_text(top.line)).replace('\t', " ");
                let _ = writeln!(err, "    {text}");
                let _ = writeln!(
                    err,
                    "    {}^",
                    " ".repeat(top.column.saturating_sub(1) as usize)
                );
            }
        }
        _ => {
            let _ = writeln!(err, "{}: error[{code}]: {}", file.display(), e.headline());
        }
    }
    for fr in &e.backtrace {
        if fr.line == 0 {
            let _ = writeln!(err, "    {}", fr.function);
        } else {
            let _ = writeln!(
                err,
                "    at {}:{}:{} in {}",
                fr.module, fr.line, fr.column, fr.function
            );
        }
    }
}

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(Some(o)) => o,
        Ok(None) => {
            println!("gjs {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("gjs: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut ctx = match Context::try_new(opts.config.clone()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gjs: cannot create a context: {e}");
            return exit(e.status);
        }
    };
    let module = match ctx.add_file(&opts.file) {
        Ok(m) => m,
        Err(LoadError::Io { path, error }) => {
            eprintln!("gjs: {}: {error}", path.display());
            return exit(Status::IoError);
        }
        Err(LoadError::Compile(e)) => {
            eprint!("{e}");
            let n = e.diagnostics.len();
            eprintln!("{n} error{} found", if n == 1 { "" } else { "s" });
            return exit(Status::CompileError);
        }
    };
    match opts.command {
        Command::Check => ExitCode::SUCCESS,
        Command::Disasm => {
            print!("{}", ctx.disassemble(module));
            ExitCode::SUCCESS
        }
        Command::Run => {
            let result = ctx.init_module(module);
            let _ = std::io::stdout().flush();
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    report_runtime(&ctx, module, &opts.file, &e);
                    exit(e.status)
                }
            }
        }
    }
}
