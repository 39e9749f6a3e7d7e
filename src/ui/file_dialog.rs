//! Asking where to save a file: the desktop's own dialog through the XDG
//! portal (rfd), or zenity where there is no session bus for the portal.
//! Blocks the calling thread, so call it from a worker thread.

use std::path::PathBuf;
use std::process::Command;

/// What the person chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveChoice {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could be shown; the text says what to install.
    Unavailable(String),
}

/// Asks for a file to save, suggesting `file_name`; `instead` names the
/// command-line way to do the same when no dialog can be shown.
#[must_use]
pub fn ask_save_path(title: &str, file_name: &str, instead: &str) -> SaveChoice {
    let has_session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    if cfg!(target_os = "linux") && !has_session_bus {
        return zenity_save(title, file_name, instead);
    }
    match rfd::FileDialog::new()
        .set_title(title)
        .set_file_name(file_name)
        .save_file()
    {
        Some(path) => SaveChoice::Chosen(path),
        None => SaveChoice::Cancelled,
    }
}

fn zenity_save(title: &str, file_name: &str, instead: &str) -> SaveChoice {
    let output = Command::new("zenity")
        .args([
            "--file-selection",
            "--save",
            "--title",
            title,
            "--filename",
            file_name,
        ])
        .output();
    match output {
        Ok(out) if out.status.success() => {
            let path = String::from_utf8_lossy(&out.stdout)
                .trim_end_matches('\n')
                .to_string();
            if path.is_empty() {
                SaveChoice::Cancelled
            } else {
                SaveChoice::Chosen(PathBuf::from(path))
            }
        }
        // zenity exits 1 when the person cancels.
        Ok(out) if out.status.code() == Some(1) => SaveChoice::Cancelled,
        Ok(_) | Err(_) => SaveChoice::Unavailable(format!(
            "No file dialog is available: install zenity or an XDG desktop portal, or use `{instead}`"
        )),
    }
}

/// What the person chose to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenChoice {
    Chosen(PathBuf),
    Cancelled,
    Unavailable(String),
}

/// Asks for an image file (PNG or JPEG) to open.
#[must_use]
pub fn ask_image_path(title: &str) -> OpenChoice {
    let has_session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    if cfg!(target_os = "linux") && !has_session_bus {
        let output = Command::new("zenity")
            .args([
                "--file-selection",
                "--title",
                title,
                "--file-filter",
                "Images | *.png *.jpg *.jpeg",
            ])
            .output();
        return match output {
            Ok(out) if out.status.success() => {
                let path = String::from_utf8_lossy(&out.stdout)
                    .trim_end_matches('\n')
                    .to_string();
                if path.is_empty() {
                    OpenChoice::Cancelled
                } else {
                    OpenChoice::Chosen(PathBuf::from(path))
                }
            }
            Ok(out) if out.status.code() == Some(1) => OpenChoice::Cancelled,
            Ok(_) | Err(_) => OpenChoice::Unavailable(
                "No file dialog is available: install zenity or an XDG desktop portal".into(),
            ),
        };
    }
    match rfd::FileDialog::new()
        .set_title(title)
        .add_filter("Images", &["png", "jpg", "jpeg"])
        .pick_file()
    {
        Some(path) => OpenChoice::Chosen(path),
        None => OpenChoice::Cancelled,
    }
}
