//! Reading a design for any subcommand: a path or `-`, UTF-8 checked with
//! the offset of the first bad byte, loaded strictly; and the one-line
//! error every command prints before exiting 2.

use std::process::ExitCode;
use topoform::core::model::{load, Design, LoadError};

/// The design in FILE, or exit status 2 after one line on stderr.
pub fn design_or_exit(file: &str) -> Result<Design, ExitCode> {
    read_design(file).map_err(|msg| {
        eprintln!("error: {msg}");
        ExitCode::from(2)
    })
}

/// Reads and loads FILE (`-` for standard input); the error is one line.
pub fn read_design(file: &str) -> Result<Design, String> {
    let text = read_text(file)?;
    load(&text).map_err(|e: LoadError| format!("{file}: {e}"))
}

/// FILE's text (`-` for standard input), checked to be UTF-8; the error is one line.
pub fn read_text(file: &str) -> Result<String, String> {
    let bytes = if file == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        bytes
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))?
    };
    let text = utf8_text(&bytes).map_err(|why| format!("{file}: {why}"))?;
    Ok(text.to_string())
}

/// The file as text: design files are UTF-8 (a byte-order mark is fine,
/// `load` skips it). Says where the first bad byte is, so the user can
/// find it, instead of the standard library's bare "not valid UTF-8".
fn utf8_text(bytes: &[u8]) -> Result<&str, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err("the file is UTF-16 text; save it as UTF-8".into());
    }
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text: the byte at offset {} is not valid UTF-8; save the file as UTF-8",
            e.valid_up_to()
        )
    })
}
