//! The `palpate` command: opens the app, or runs one command-line task.
//! Errors are printed once, as one line, and exit non-zero.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};
use clap::{Parser, Subcommand};

use palpate::core::{Core, demo};
use palpate::store::{self, SCHEMA_VERSION};

/// egui builds and drops megabytes of vertex buffers every frame. glibc's
/// allocator hands such blocks back to the kernel and faults them in again on
/// the next frame, which cost more than drawing the body map itself; mimalloc
/// keeps them for reuse (the allocator rerun, an egui application, also uses).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "palpate",
    version,
    about = "Offline charting for chiropractors and physical therapists"
)]
struct Cli {
    /// The folder that holds palpate.db (default: the platform's data folder).
    #[arg(long, global = true, env = "PALPATE_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty database with a fictional demo clinic.
    Demo {
        /// How many patients in all (ten featured cases, the rest generated).
        #[arg(long, default_value_t = 200)]
        patients: usize,
    },
    /// Open the database, run its integrity check, print the schema version and counts.
    Check,
    /// Save a checked copy of the whole database to FILE (which must not exist).
    Backup {
        /// Where to write the copy.
        file: PathBuf,
    },
    /// Write a visit note or a home-exercise handout as PDF.
    Export {
        #[command(subcommand)]
        what: Export,
    },
    /// Measure search, chart opening and autosave on a temporary 100,000-patient database.
    Bench {
        #[arg(long, default_value_t = 100_000)]
        patients: usize,
        /// Visits in the long chart that is opened.
        #[arg(long, default_value_t = 500)]
        visits: usize,
        /// Repetitions of each measurement.
        #[arg(long, default_value_t = 30)]
        rounds: usize,
    },
}

#[derive(Subcommand)]
enum Export {
    /// The note of one visit (its number is shown at the top of the visit in the app).
    Visit {
        /// The visit's number.
        visit: i64,
        /// Where to write the PDF.
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// The progress report of a chart: outcome measures against their
    /// MCIDs, graphs, goals, trigger points and the plan.
    Progress {
        /// The patient's chart number, e.g. C-00001.
        chart_number: String,
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// The home-exercise handout of a patient's current plan.
    Handout {
        /// The patient's chart number, e.g. C-00001.
        chart_number: String,
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
        /// Larger type and pictures.
        #[arg(long)]
        large_print: bool,
        /// A four-week calendar to tick.
        #[arg(long)]
        calendar: bool,
        /// The desk and ergonomics checklist from the plan.
        #[arg(long)]
        ergonomics: bool,
    },
}

fn main() {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Err(err) = run(cli) {
        eprintln!("palpate: {err:#}");
        std::process::exit(1);
    }
}

fn data_dir(cli_dir: Option<PathBuf>) -> Result<PathBuf> {
    match cli_dir {
        Some(dir) => Ok(dir),
        None => store::default_data_dir()
            .context("this system has no home folder; choose a data folder with --data-dir"),
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        None => {
            let dir = data_dir(cli.data_dir)?;
            palpate::app::run_native(dir)
                .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
        }
        Some(Command::Demo { patients }) => {
            if patients == 0 {
                bail!("--patients must be at least 1");
            }
            let dir = data_dir(cli.data_dir)?;
            let mut core = Core::open_in_dir(&dir)?;
            let mut stderr = std::io::stderr();
            let show_progress = patients >= 1_000;
            demo::seed(&mut core, patients, |done, total| {
                if show_progress {
                    let _ = write!(stderr, "\rcreating demo patients: {done} / {total}");
                    let _ = stderr.flush();
                }
            })?;
            if show_progress {
                eprintln!();
            }
            let counts = core.store().counts()?;
            println!(
                "demo clinic created in {}: {} patients, {} visits (all fictional)",
                core.store().path().display(),
                counts.patients,
                counts.visits
            );
            Ok(())
        }
        Some(Command::Check) => {
            let dir = data_dir(cli.data_dir)?;
            let core = Core::open_in_dir(&dir)?;
            let store = core.store();
            let problems = store.integrity_problems()?;
            let counts = store.counts()?;
            println!("database: {}", store.path().display());
            println!(
                "schema version: {} (this program: {SCHEMA_VERSION})",
                store.schema_version()?
            );
            println!(
                "practitioners: {}\npatients: {} (+{} archived)\nvisits: {} ({} signed)\nunsaved drafts: {}",
                counts.practitioners,
                counts.patients,
                counts.archived_patients,
                counts.visits,
                counts.signed_visits,
                counts.drafts
            );
            if problems.is_empty() {
                println!("integrity: ok");
                Ok(())
            } else {
                for problem in &problems {
                    println!("integrity: {problem}");
                }
                bail!(
                    "the integrity check found {} problems; the file was not changed",
                    problems.len()
                )
            }
        }
        Some(Command::Export { what }) => {
            let dir = data_dir(cli.data_dir)?;
            let core = Core::open_in_dir(&dir)?;
            let (document, output) = match what {
                Export::Visit { visit, output } => (
                    palpate::report::visit_note::visit_note(
                        &core,
                        palpate::core::model::VisitId(visit),
                    )?,
                    output,
                ),
                Export::Progress {
                    chart_number,
                    output,
                } => {
                    let patient = core
                        .store()
                        .patient_by_chart_number(&chart_number)?
                        .with_context(|| {
                            format!("there is no patient with chart number {chart_number}")
                        })?;
                    (
                        palpate::report::progress::progress_report(&core, patient)?,
                        output,
                    )
                }
                Export::Handout {
                    chart_number,
                    output,
                    large_print,
                    calendar,
                    ergonomics,
                } => {
                    let patient = core
                        .store()
                        .patient_by_chart_number(&chart_number)?
                        .with_context(|| {
                            format!("there is no patient with chart number {chart_number}")
                        })?;
                    let options = palpate::report::handout::HandoutOptions {
                        large_print,
                        ergonomics,
                        calendar,
                    };
                    (
                        palpate::report::handout::handout(&core, patient, options)?,
                        output,
                    )
                }
            };
            let bytes = palpate::report::pdf::render(&document);
            palpate::report::write_atomically(&output, &bytes)?;
            println!(
                "{} written: {} pages, {} bytes",
                output.display(),
                document.pages.len(),
                bytes.len()
            );
            if document.replaced_characters {
                println!("note: some characters are not in the embedded fonts and print as \"?\"");
            }
            Ok(())
        }
        Some(Command::Backup { file }) => {
            let dir = data_dir(cli.data_dir)?;
            // Opening first brings an older file up to date and refuses a bad one.
            let core = Core::open_in_dir(&dir)?;
            let report = store::save_copy(core.store().path(), &file)?;
            println!(
                "copy saved and checked: {} ({} bytes, schema version {}, {} patients, {} visits)",
                report.path.display(),
                report.bytes,
                report.schema_version,
                report.patients,
                report.visits
            );
            Ok(())
        }
        Some(Command::Bench {
            patients,
            visits,
            rounds,
        }) => {
            if patients < 11 || visits == 0 || rounds == 0 {
                bail!(
                    "bench needs --patients of at least 11 and --visits and --rounds of at least 1"
                );
            }
            let config = palpate::bench::BenchConfig {
                patients,
                chart_visits: visits,
                rounds,
            };
            let report = palpate::bench::run(&config, |line| eprintln!("{line}"))?;
            print!("{}", report.to_table());
            Ok(())
        }
    }
}
