//! The procedure catalogue as CSV: the built-in one (`catalogue.csv` beside this file, compiled
//! in) and the desk's edited copy. Columns: `code,name,field,time_limit,fee,documents,unit,
//! pausable,note`; `time_limit` and `fee` in the forms of [`crate::domain::terms`], `documents`
//! separated by `;`, `pausable` `có`/`không`. Parsing reports every bad line with its number;
//! writing gives back exactly the canonical text. Pure (the text is passed in and out).

use std::collections::HashMap;
use std::fmt;

use crate::calendar::TimeLimit;
use crate::domain::fields::{FieldProblem, clean_capped};
use crate::domain::model::{Procedure, ProcedureCode};
use crate::domain::money::FeeRule;
use crate::text::fold;

/// The catalogue's header line.
pub(crate) const HEADER: [&str; 9] = [
    "code",
    "name",
    "field",
    "time_limit",
    "fee",
    "documents",
    "unit",
    "pausable",
    "note",
];

const BUILTIN: &str = include_str!("catalogue.csv");

/// One refused line of a catalogue file: its 1-based line number and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    pub reason: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Dòng {}: {}", self.line, self.reason)
    }
}

/// The procedures built into the program (commune-level procedures from public decisions; see
/// each procedure's note for its source).
pub fn builtin_catalogue() -> Vec<Procedure> {
    parse_catalogue_csv(BUILTIN).expect("the built-in catalogue is valid (tested)")
}

/// The built-in catalogue's CSV text, as shipped.
pub fn builtin_catalogue_csv() -> &'static str {
    BUILTIN
}

/// Parses a catalogue file. All lines are checked; any bad line (wrong header, wrong number of
/// columns, an empty or too long cell, an unreadable time limit or fee, a duplicate code) makes
/// the whole file refused with every error listed, in line order.
pub fn parse_catalogue_csv(text: &str) -> Result<Vec<Procedure>, Vec<LineError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let mut procedures = Vec::new();
    let mut seen: HashMap<ProcedureCode, u64> = HashMap::new();
    let mut header_done = false;
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(index as u64 + 1, |p| p.line());
                errors.push(LineError {
                    line,
                    reason: format!("không đọc được dòng CSV ({e})"),
                });
                continue;
            }
        };
        let line = record.position().map_or(index as u64 + 1, |p| p.line());
        let cells: Vec<&str> = record.iter().collect();
        if !header_done {
            header_done = true;
            let got: Vec<String> = cells.iter().map(|c| fold(c.trim())).collect();
            if got != HEADER {
                errors.push(LineError {
                    line,
                    reason: format!("dòng tiêu đề phải là «{}»", HEADER.join(",")),
                });
            }
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match parse_row(&cells) {
            Ok(p) => {
                if let Some(first) = seen.get(&p.code) {
                    errors.push(LineError {
                        line,
                        reason: format!("mã thủ tục «{}» trùng với dòng {first}", p.code.as_str()),
                    });
                } else {
                    seen.insert(p.code.clone(), line);
                    procedures.push(p);
                }
            }
            Err(reason) => errors.push(LineError { line, reason }),
        }
    }
    if !header_done {
        errors.push(LineError {
            line: 1,
            reason: format!("tệp rỗng; cần dòng tiêu đề «{}»", HEADER.join(",")),
        });
    }
    if errors.is_empty() {
        Ok(procedures)
    } else {
        Err(errors)
    }
}

fn cell(cells: &[&str], i: usize, max: usize, required: bool) -> Result<String, String> {
    let name = HEADER[i];
    let raw = crate::text::csv_cell_read(cells[i]);
    let text = clean_capped(raw, max, false).map_err(|p| format!("cột {name}: {p}"))?;
    if required && text.is_empty() {
        return Err(format!("cột {name}: {}", FieldProblem::Required));
    }
    Ok(text)
}

fn parse_row(cells: &[&str]) -> Result<Procedure, String> {
    if cells.len() != HEADER.len() {
        return Err(format!(
            "cần {} cột, dòng này có {}",
            HEADER.len(),
            cells.len()
        ));
    }
    let code = cell(cells, 0, 40, true)?;
    if code.contains(char::is_whitespace) {
        return Err(format!(
            "cột code: mã thủ tục «{code}» không được chứa khoảng trắng"
        ));
    }
    let limit_text = cell(cells, 3, 60, true)?;
    let time_limit = TimeLimit::parse(&limit_text).ok_or_else(|| {
        format!(
            "cột time_limit: «{limit_text}» không đọc được (ví dụ: «Trong ngày», «3 ngày làm \
             việc», «0,5 ngày làm việc», «4 giờ làm việc»)"
        )
    })?;
    let fee_cell = cell(cells, 4, 300, true)?;
    let fee = FeeRule::parse(&fee_cell).ok_or_else(|| {
        format!(
            "cột fee: «{fee_cell}» không đọc được (ví dụ: «Miễn», «50.000 đồng», «Theo trang: \
             2.000 đồng; từ trang 3: 1.000 đồng; tối đa 200.000 đồng/bản», «Khác: …»)"
        )
    })?;
    let documents: Vec<String> = cell(cells, 5, 6000, true)?
        .split(';')
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
        .collect();
    if let Some(long) = documents.iter().find(|d| d.chars().count() > 300) {
        return Err(format!(
            "cột documents: giấy tờ «{}…» dài quá 300 ký tự",
            long.chars().take(30).collect::<String>()
        ));
    }
    let pausable_text = cell(cells, 7, 10, true)?;
    let pausable = match fold(&pausable_text).as_str() {
        "co" => true,
        "khong" => false,
        _ => {
            return Err(format!(
                "cột pausable: «{pausable_text}» phải là «có» hoặc «không»"
            ));
        }
    };
    Ok(Procedure {
        code: ProcedureCode(code),
        name: cell(cells, 1, 300, true)?,
        field: cell(cells, 2, 100, true)?,
        time_limit,
        fee,
        documents,
        unit: cell(cells, 6, 150, true)?,
        pausable,
        note: cell(cells, 8, 1000, false)?,
    })
}

/// Writes procedures as catalogue CSV (header first, `\n` line ends, quotes only where needed;
/// a cell starting like a formula is guarded with `'`, see [`crate::text::csv_cell`]).
/// For any catalogue [`parse_catalogue_csv`] accepts, parsing this text gives it back.
pub fn catalogue_to_csv(procedures: &[Procedure]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut rows = vec![HEADER.map(str::to_owned).to_vec()];
    for p in procedures {
        rows.push(vec![
            p.code.as_str().to_owned(),
            p.name.clone(),
            p.field.clone(),
            p.time_limit.label(),
            p.fee.cell(),
            p.documents.join("; "),
            p.unit.clone(),
            if p.pausable { "có" } else { "không" }.to_owned(),
            p.note.clone(),
        ]);
    }
    for row in rows {
        // A cell a spreadsheet would run as a formula gets a leading `'` (read back by `cell`).
        writer
            .write_record(row.iter().map(|c| crate::text::csv_cell(c).into_owned()))
            .expect("writing CSV into memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_writes_back_exactly() {
        let procedures = parse_catalogue_csv(BUILTIN).expect("built-in catalogue parses");
        assert_eq!(procedures.len(), 30);
        assert_eq!(catalogue_to_csv(&procedures), BUILTIN);
    }
}
