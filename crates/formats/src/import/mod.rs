//! Reading files people bring: size-limited, with errors that name the place and the rule.

pub mod monitoring;
pub mod numbers;
pub mod table;

use std::io::Read;
use std::path::Path;

use ascn_model::error::{Error, Result};
use ascn_model::plan_file::read as plan_json;

/// Reads a UTF-8 text file of at most `max_bytes`, refusing larger files before reading them.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String> {
    let bytes = read_bytes(path, max_bytes)?;
    String::from_utf8(bytes).map_err(|e| Error::NotText {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Reads a file of at most `max_bytes`, refusing larger files before reading them.
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    refuse_larger(path, size, max_bytes)?;
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while it is read.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    refuse_larger(path, bytes.len() as u64, max_bytes)?;
    Ok(bytes)
}

/// Refuses a file of `size` bytes when it is larger than `max_bytes`, naming both.
pub fn refuse_larger(path: &Path, size: u64, max_bytes: u64) -> Result<()> {
    if size > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            max: max_bytes,
        });
    }
    Ok(())
}

/// Every plan file (`*.ascf`, `*.json`) directly in `dir`, by file name, parsed; a file that cannot be
/// read is given with the reason.
pub fn read_plan_files(dir: &Path) -> Result<Vec<(std::path::PathBuf, plan_json::ParseResult)>> {
    Ok(plan_files(dir)?
        .into_iter()
        .map(|path| {
            let parsed = match read_text(&path, plan_json::MAX_BYTES) {
                Ok(text) => plan_json::parse(&text),
                Err(e) => Err(vec![ascn_model::validation::FieldError::new(
                    "file",
                    ascn_model::validation::Rule::Format,
                    e.says(),
                )]),
            };
            (path, parsed)
        })
        .collect())
}

/// The plan files (`*.ascf`, `*.json`) directly in `dir`, by file name.
pub fn plan_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if ascn_model::plan_file::is_plan_file_name(&path) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
