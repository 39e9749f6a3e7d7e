//! Handing a finished file to the desktop: printing it with the system's
//! print command, or opening it in the default viewer. Each blocks the
//! calling thread, so call it from a worker thread.

use std::path::Path;
use std::process::Command;

/// Runs `program` with `args` and the file; `Err` says what went wrong.
fn run(program: &str, args: &[&str], file: &Path) -> Result<(), String> {
    match Command::new(program).args(args).arg(file).output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "{program} refused the file: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(err) => Err(format!("{program} could not be started: {err}")),
    }
}

/// Whether `program` is on the PATH; looked up rather than run, since
/// running a print command to test it could print.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Sends the file to the default printer: `lp` (CUPS) where there is one,
/// `lpr` otherwise, the shell's print verb on Windows.
///
/// # Errors
/// A sentence saying what is missing, so the person can export instead.
pub fn print_file(file: &Path) -> Result<(), String> {
    if cfg!(windows) {
        return run(
            "powershell",
            &[
                "-NoProfile",
                "-Command",
                "Start-Process -Verb Print -FilePath",
            ],
            file,
        );
    }
    for program in ["lp", "lpr"] {
        if on_path(program) {
            return run(program, &[], file);
        }
    }
    Err("No printing command was found (lp or lpr, from CUPS). Use \"Export PDF…\" and print the file from your PDF viewer".into())
}

/// Opens the file in the desktop's default viewer.
///
/// # Errors
/// A sentence saying what is missing.
pub fn open_file(file: &Path) -> Result<(), String> {
    if cfg!(target_os = "macos") {
        run("open", &[], file)
    } else if cfg!(windows) {
        run("cmd", &["/C", "start", ""], file)
    } else {
        run("xdg-open", &[], file).map_err(|_| {
            "No default viewer could be started (xdg-open). Use \"Export PDF…\" and open the file yourself".into()
        })
    }
}
