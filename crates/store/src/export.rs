//! `petrel export --parquet`: events as Parquet files in Hive layout, for Spark and DuckDB.
//!
//! One folder a month, `DIR/year=2017/month=03/part-0.parquet`, so engines prune partitions by
//! date from the path alone (`year` and `month` are not repeated inside the files). Columns are the
//! store's event columns plus the story id, the sentence and the full wire record as JSON; the
//! layout is documented in docs/event-format.md. Files are uncompressed, written one row group
//! per [`ROWS_PER_GROUP`] events.

use crate::{Store, StoreError};
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int32Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Events a row group holds at most.
pub const ROWS_PER_GROUP: usize = 65_536;

/// The Parquet schema of an exported event; docs/event-format.md lists it.
pub const SCHEMA: &str = "message event {
  REQUIRED BYTE_ARRAY id (UTF8);
  REQUIRED BYTE_ARRAY story_id (UTF8);
  REQUIRED BYTE_ARRAY date (UTF8);
  REQUIRED BYTE_ARRAY source_code (UTF8);
  OPTIONAL BYTE_ARRAY source_country (UTF8);
  OPTIONAL BYTE_ARRAY target_code (UTF8);
  OPTIONAL BYTE_ARRAY target_country (UTF8);
  REQUIRED BYTE_ARRAY cameo (UTF8);
  OPTIONAL BYTE_ARRAY cameo_root (UTF8);
  REQUIRED DOUBLE goldstein;
  REQUIRED INT32 quad_class;
  OPTIONAL BYTE_ARRAY plover (UTF8);
  OPTIONAL BYTE_ARRAY plover_mode (UTF8);
  REQUIRED BYTE_ARRAY modality (UTF8);
  OPTIONAL BYTE_ARRAY place (UTF8);
  OPTIONAL BYTE_ARRAY place_country (UTF8);
  OPTIONAL DOUBLE lat;
  OPTIONAL DOUBLE lon;
  REQUIRED BYTE_ARRAY sentence_text (UTF8);
  REQUIRED BYTE_ARRAY record (UTF8);
}";

/// The number of columns in [`SCHEMA`].
const COLUMNS: usize = 20;

/// One event as the export reads it.
struct Row {
    texts: [Option<String>; 15],
    record: String,
    goldstein: f64,
    quad_class: i32,
    lat: Option<f64>,
    lon: Option<f64>,
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportSummary {
    pub events: usize,
    pub files: Vec<PathBuf>,
}

impl Store {
    /// Writes every event under `dir` in Hive layout; existing `part-0.parquet` files of the same
    /// months are replaced.
    pub fn export_parquet(&self, dir: &Path) -> Result<ExportSummary, StoreError> {
        let schema = Arc::new(parse_message_type(SCHEMA).map_err(|e| StoreError::Parquet {
            path: dir.to_path_buf(),
            detail: e.to_string(),
        })?);
        let props = Arc::new(WriterProperties::builder().build());
        let mut stmt = self.conn().prepare(
            "SELECT e.id, s.id, e.date, e.source_code, e.source_country, e.target_code,
                    e.target_country, e.cameo, e.cameo_root, e.plover, e.plover_mode, e.modality,
                    e.place, e.place_country, json_extract(r.record, '$.sentence_text'), r.record,
                    e.goldstein, e.quad_class, e.lat, e.lon
             FROM events e JOIN stories s ON s.sid = e.sid JOIN event_records r ON r.eid = e.eid
             ORDER BY e.date, e.eid",
        )?;
        let mut rows = stmt.query([])?;
        let mut summary = ExportSummary::default();
        let mut month: Option<String> = None;
        let mut writer: Option<(PathBuf, SerializedFileWriter<File>)> = None;
        let mut group: Vec<Row> = Vec::with_capacity(ROWS_PER_GROUP);
        while let Some(r) = rows.next()? {
            let date: String = r.get(2)?;
            let this_month = date.get(0..7).unwrap_or("0000-00").to_string();
            if month.as_deref() != Some(this_month.as_str()) {
                if let Some((path, mut w)) = writer.take() {
                    write_group(&mut w, &group, &path)?;
                    group.clear();
                    close(w, &path)?;
                    summary.files.push(path);
                }
                let (year, mon) = this_month.split_once('-').unwrap_or(("0000", "00"));
                let folder = dir
                    .join(format!("year={year}"))
                    .join(format!("month={mon}"));
                std::fs::create_dir_all(&folder).map_err(|source| StoreError::Io {
                    path: folder.clone(),
                    what: "cannot create the partition folder",
                    source,
                })?;
                let path = folder.join("part-0.parquet");
                let file = File::create(&path).map_err(|source| StoreError::Io {
                    path: path.clone(),
                    what: "cannot create the file",
                    source,
                })?;
                let w = SerializedFileWriter::new(file, schema.clone(), props.clone())
                    .map_err(|e| parquet_error(&path, e))?;
                writer = Some((path, w));
                month = Some(this_month);
            }
            let row = Row {
                texts: [
                    r.get(0)?,
                    r.get(1)?,
                    Some(date),
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                    r.get(13)?,
                    r.get::<_, Option<String>>(14)?.or(Some(String::new())),
                ],
                record: r.get(15)?,
                goldstein: r.get(16)?,
                quad_class: r.get(17)?,
                lat: r.get(18)?,
                lon: r.get(19)?,
            };
            group.push(row);
            summary.events += 1;
            if group.len() >= ROWS_PER_GROUP {
                if let Some((path, w)) = writer.as_mut() {
                    write_group(w, &group, path)?;
                }
                group.clear();
            }
        }
        if let Some((path, mut w)) = writer.take() {
            write_group(&mut w, &group, &path)?;
            close(w, &path)?;
            summary.files.push(path);
        }
        Ok(summary)
    }
}

fn parquet_error(path: &Path, e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Parquet {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

fn close(w: SerializedFileWriter<File>, path: &Path) -> Result<(), StoreError> {
    w.close().map_err(|e| parquet_error(path, e))?;
    Ok(())
}

/// Writes one row group: the columns in schema order.
fn write_group(
    w: &mut SerializedFileWriter<File>,
    group: &[Row],
    path: &Path,
) -> Result<(), StoreError> {
    if group.is_empty() {
        return Ok(());
    }
    let err = |e| parquet_error(path, e);
    let mut rg = w.next_row_group().map_err(err)?;
    let mut index = 0usize;
    while let Some(mut col) = rg.next_column().map_err(err)? {
        match index {
            // Text columns 0..=8 (id .. cameo_root).
            0..=8 => write_text(
                &mut col,
                group.iter().map(|r| r.texts[index].as_deref()),
                path,
            )?,
            9 => {
                let v: Vec<f64> = group.iter().map(|r| r.goldstein).collect();
                col.typed::<DoubleType>()
                    .write_batch(&v, None, None)
                    .map_err(err)?;
            }
            10 => {
                let v: Vec<i32> = group.iter().map(|r| r.quad_class).collect();
                col.typed::<Int32Type>()
                    .write_batch(&v, None, None)
                    .map_err(err)?;
            }
            // plover, plover_mode, modality, place, place_country: texts 9..=13.
            11..=15 => write_text(
                &mut col,
                group.iter().map(|r| r.texts[index - 2].as_deref()),
                path,
            )?,
            16 | 17 => {
                let values: Vec<Option<f64>> = group
                    .iter()
                    .map(|r| if index == 16 { r.lat } else { r.lon })
                    .collect();
                let defs: Vec<i16> = values.iter().map(|v| i16::from(v.is_some())).collect();
                let v: Vec<f64> = values.into_iter().flatten().collect();
                col.typed::<DoubleType>()
                    .write_batch(&v, Some(&defs), None)
                    .map_err(err)?;
            }
            18 => write_text(&mut col, group.iter().map(|r| r.texts[14].as_deref()), path)?,
            _ => write_text(
                &mut col,
                group.iter().map(|r| Some(r.record.as_str())),
                path,
            )?,
        }
        col.close().map_err(err)?;
        index += 1;
    }
    debug_assert_eq!(index, COLUMNS);
    rg.close().map_err(err)?;
    Ok(())
}

/// Writes a text column; definition levels are written only for optional columns.
fn write_text<'a>(
    col: &mut parquet::file::writer::SerializedColumnWriter<'_>,
    values: impl Iterator<Item = Option<&'a str>>,
    path: &Path,
) -> Result<(), StoreError> {
    let writer = col.typed::<ByteArrayType>();
    let optional = writer.get_descriptor().max_def_level() > 0;
    let mut defs = Vec::new();
    let mut v = Vec::new();
    for value in values {
        match value {
            Some(s) => {
                defs.push(1i16);
                v.push(ByteArray::from(s));
            }
            None => {
                defs.push(0);
                if !optional {
                    v.push(ByteArray::from(""));
                }
            }
        }
    }
    writer
        .write_batch(&v, optional.then_some(defs.as_slice()), None)
        .map_err(|e| parquet_error(path, e))?;
    Ok(())
}
