//! Tesseract's TSV output (`tesseract IMAGE - tsv`) in Textract's block shape: a PAGE block
//! per page, LINE and WORD blocks with geometry in fractions of the page, and KEY_VALUE_SET
//! pairs for "Label: value" lines, linked as Textract links them (PAGE → CHILD → LINE and
//! KEY_VALUE_SET; LINE → CHILD → WORD; KEY → VALUE → the VALUE block; KEY and VALUE → CHILD →
//! their WORDs).
//!
//! Tesseract finds no forms: a pair here is only a line that starts with a short label ending
//! in a colon, followed by a value on the same line. A label alone on its line, a value on
//! the next line, tables and check boxes (which Textract pairs too) are not found.

use mypages::domain::ocr::blocks::{Block, BlockType, BoundingBox, Geometry, Point, Relationship};
use thiserror::Error;

/// The most words a label may have ("Hyra:", "Avtalad årlig hyra:"): longer text before a
/// colon is a sentence, not a label.
const MAX_LABEL_WORDS: usize = 4;

#[derive(Debug, Error, PartialEq, Eq)]
#[error("Tesseract's TSV, line {line}: {reason}")]
pub struct TsvError {
    pub line: usize,
    pub reason: String,
}

/// The blocks of the pages Tesseract read, in Textract's order (per page: PAGE, LINEs, WORDs,
/// KEY_VALUE_SETs).
#[derive(Debug, Clone, PartialEq)]
pub struct PagesRead {
    /// Pages seen in the TSV (one per image; a multi-page TIFF has several).
    pub pages: u32,
    pub blocks: Vec<Block>,
}

/// One row of the TSV: `level page_num block_num par_num line_num word_num left top width
/// height conf text`. Levels: 1 page, 2 block, 3 paragraph, 4 line, 5 word.
struct Row<'a> {
    level: u8,
    page: u32,
    line_key: (u32, u32, u32),
    pixels: Pixels,
    confidence: f32,
    text: &'a str,
}

/// A rectangle in pixels of the page image.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pixels {
    left: f32,
    top: f32,
    width: f32,
    height: f32,
}

impl Pixels {
    fn union(self, other: Pixels) -> Pixels {
        let left = self.left.min(other.left);
        let top = self.top.min(other.top);
        let right = (self.left + self.width).max(other.left + other.width);
        let bottom = (self.top + self.height).max(other.top + other.height);
        Pixels {
            left,
            top,
            width: right - left,
            height: bottom - top,
        }
    }
}

struct Word {
    text: String,
    confidence: f32,
    pixels: Pixels,
}

struct Page {
    number: u32,
    width: f32,
    height: f32,
    lines: Vec<((u32, u32, u32), Vec<Word>)>,
}

/// Converts one TSV answer; its page numbers count from `first_page` (a PDF is read one
/// page image at a time, so its page k is the TSV's page 1).
pub fn blocks_from_tsv(tsv: &str, first_page: u32) -> Result<PagesRead, TsvError> {
    let mut rows = tsv.lines().enumerate();
    match rows.next() {
        Some((_, header)) if header.starts_with("level\tpage_num\t") => {}
        _ => {
            return Err(TsvError {
                line: 1,
                reason: "no TSV header (is this Tesseract's tsv output?)".into(),
            });
        }
    }
    let mut pages: Vec<Page> = Vec::new();
    for (index, text) in rows {
        if text.is_empty() {
            continue;
        }
        let row = parse_row(text).map_err(|reason| TsvError {
            line: index + 1,
            reason,
        })?;
        let number = first_page + row.page.saturating_sub(1);
        match row.level {
            1 => pages.push(Page {
                number,
                width: row.pixels.width,
                height: row.pixels.height,
                lines: Vec::new(),
            }),
            5 if !row.text.trim().is_empty() => {
                let page = pages
                    .last_mut()
                    .filter(|p| p.number == number)
                    .ok_or_else(|| TsvError {
                        line: index + 1,
                        reason: "a word before its page".into(),
                    })?;
                let word = Word {
                    text: row.text.trim().to_owned(),
                    confidence: row.confidence.clamp(0.0, 100.0),
                    pixels: row.pixels,
                };
                match page.lines.last_mut() {
                    Some((key, words)) if *key == row.line_key => words.push(word),
                    _ => page.lines.push((row.line_key, vec![word])),
                }
            }
            _ => {}
        }
    }
    let mut blocks = Vec::new();
    for page in &pages {
        if page.width <= 0.0 || page.height <= 0.0 {
            return Err(TsvError {
                line: 0,
                reason: format!("page {} has no size", page.number),
            });
        }
        page_blocks(page, &mut blocks);
    }
    Ok(PagesRead {
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
        blocks,
    })
}

fn parse_row(text: &str) -> Result<Row<'_>, String> {
    let fields: Vec<&str> = text.splitn(12, '\t').collect();
    if fields.len() < 11 {
        return Err(format!("{} fields, expected 12", fields.len()));
    }
    let int = |i: usize| {
        fields[i]
            .parse::<u32>()
            .map_err(|_| format!("field {} is not a count: {:?}", i + 1, fields[i]))
    };
    let number = |i: usize| {
        fields[i]
            .parse::<f32>()
            .map_err(|_| format!("field {} is not a number: {:?}", i + 1, fields[i]))
    };
    Ok(Row {
        level: u8::try_from(int(0)?).map_err(|_| "level out of range".to_owned())?,
        page: int(1)?,
        line_key: (int(2)?, int(3)?, int(4)?),
        pixels: Pixels {
            left: number(6)?,
            top: number(7)?,
            width: number(8)?,
            height: number(9)?,
        },
        confidence: number(10)?,
        text: fields.get(11).copied().unwrap_or(""),
    })
}

fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn block(block_type: BlockType, id: String, page: u32) -> Block {
    Block {
        block_type,
        id,
        confidence: None,
        text: None,
        text_type: None,
        row_index: None,
        column_index: None,
        row_span: None,
        column_span: None,
        geometry: None,
        relationships: Vec::new(),
        entity_types: Vec::new(),
        selection_status: None,
        page: Some(page),
        query: None,
    }
}

fn child(ids: Vec<String>) -> Relationship {
    Relationship {
        kind: "CHILD".into(),
        ids,
    }
}

/// Textract's geometry: the box and its four corners (clockwise from the top left), in
/// fractions of the page's width and height.
fn geometry(pixels: Pixels, page: &Page) -> Geometry {
    let x = |v: f32| (v / page.width).clamp(0.0, 1.0);
    let y = |v: f32| (v / page.height).clamp(0.0, 1.0);
    let (left, top) = (x(pixels.left), y(pixels.top));
    let (right, bottom) = (x(pixels.left + pixels.width), y(pixels.top + pixels.height));
    Geometry {
        bounding_box: Some(BoundingBox {
            width: right - left,
            height: bottom - top,
            left,
            top,
        }),
        polygon: vec![
            Point { x: left, y: top },
            Point { x: right, y: top },
            Point {
                x: right,
                y: bottom,
            },
            Point { x: left, y: bottom },
        ],
    }
}

fn mean_confidence(words: &[Word]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32
}

fn extent(words: &[Word]) -> Option<Pixels> {
    words.iter().map(|w| w.pixels).reduce(Pixels::union)
}

/// Where a "Label: value" line splits: the index of the label's last word.
fn label_end(words: &[Word]) -> Option<usize> {
    let end = words.iter().position(|w| w.text.ends_with(':'))?;
    let label_has_letters = words[..=end]
        .iter()
        .any(|w| w.text.chars().any(char::is_alphabetic));
    (end < MAX_LABEL_WORDS && end + 1 < words.len() && label_has_letters).then_some(end)
}

fn page_blocks(page: &Page, out: &mut Vec<Block>) {
    let full_page = Pixels {
        left: 0.0,
        top: 0.0,
        width: page.width,
        height: page.height,
    };
    let mut page_block = block(BlockType::Page, new_id(), page.number);
    page_block.geometry = Some(geometry(full_page, page));
    let mut lines = Vec::new();
    let mut words_out = Vec::new();
    let mut pairs = Vec::new();
    for (_, words) in &page.lines {
        let word_ids: Vec<String> = words.iter().map(|_| new_id()).collect();
        for (word, id) in words.iter().zip(&word_ids) {
            let mut block = block(BlockType::Word, id.clone(), page.number);
            block.text = Some(word.text.clone());
            block.confidence = Some(word.confidence);
            block.text_type = Some("PRINTED".into());
            block.geometry = Some(geometry(word.pixels, page));
            words_out.push(block);
        }
        let mut line = block(BlockType::Line, new_id(), page.number);
        line.text = Some(
            words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        line.confidence = Some(mean_confidence(words));
        line.geometry = extent(words).map(|p| geometry(p, page));
        line.relationships = vec![child(word_ids.clone())];
        lines.push(line);
        if let Some(end) = label_end(words) {
            pairs.extend(key_value_pair(
                page,
                (&words[..=end], &word_ids[..=end]),
                (&words[end + 1..], &word_ids[end + 1..]),
            ));
        }
    }
    let mut children: Vec<String> = lines.iter().map(|b| b.id.clone()).collect();
    children.extend(pairs.iter().map(|b| b.id.clone()));
    if !children.is_empty() {
        page_block.relationships = vec![child(children)];
    }
    out.push(page_block);
    out.extend(lines);
    out.extend(words_out);
    out.extend(pairs);
}

/// The KEY block (→ VALUE → the VALUE block) and the VALUE block, each with its words.
fn key_value_pair(
    page: &Page,
    (key_words, key_ids): (&[Word], &[String]),
    (value_words, value_ids): (&[Word], &[String]),
) -> [Block; 2] {
    let value_id = new_id();
    let mut key = block(BlockType::KeyValueSet, new_id(), page.number);
    key.entity_types = vec!["KEY".into()];
    key.confidence = Some(mean_confidence(key_words));
    key.geometry = extent(key_words).map(|p| geometry(p, page));
    key.relationships = vec![
        Relationship {
            kind: "VALUE".into(),
            ids: vec![value_id.clone()],
        },
        child(key_ids.to_vec()),
    ];
    let mut value = block(BlockType::KeyValueSet, value_id, page.number);
    value.entity_types = vec!["VALUE".into()];
    value.confidence = Some(mean_confidence(value_words));
    value.geometry = extent(value_words).map(|p| geometry(p, page));
    value.relationships = vec![child(value_ids.to_vec())];
    [key, value]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    /// Rows as Tesseract 5 wrote them for infra/render_lease.py's lease (300 dpi, A4),
    /// shortened; one line is a sentence with a colon late in it, one a lone label.
    const LEASE_TSV: &str = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
1\t1\t0\t0\t0\t0\t0\t0\t2481\t3507\t-1\t
2\t1\t1\t0\t0\t0\t303\t270\t1033\t68\t-1\t
3\t1\t1\t1\t0\t0\t303\t270\t1033\t68\t-1\t
4\t1\t1\t1\t1\t0\t303\t270\t1033\t68\t-1\t
5\t1\t1\t1\t1\t1\t303\t284\t536\t54\t96.542931\tHYRESAVTAL
5\t1\t1\t1\t1\t2\t869\t270\t168\t68\t96.342827\tFÖR
5\t1\t1\t1\t1\t3\t1065\t284\t271\t54\t95.659248\tLOKAL
2\t1\t3\t0\t0\t0\t301\t493\t856\t312\t-1\t
3\t1\t3\t2\t0\t0\t303\t559\t854\t246\t-1\t
4\t1\t3\t2\t1\t0\t303\t559\t827\t45\t-1\t
5\t1\t3\t2\t1\t1\t303\t559\t252\t45\t92.017082\tHyresvärd:
5\t1\t3\t2\t1\t2\t577\t559\t236\t45\t96.064034\tFastighets
5\t1\t3\t2\t1\t3\t830\t560\t64\t34\t95.941032\tAB
5\t1\t3\t2\t1\t4\t914\t559\t216\t36\t96.220291\tNorrsken
4\t1\t3\t2\t2\t0\t303\t626\t854\t45\t-1\t
5\t1\t3\t2\t2\t1\t303\t626\t80\t45\t90.0\tVid
5\t1\t3\t2\t2\t2\t390\t626\t80\t45\t90.0\tförsenad
5\t1\t3\t2\t2\t3\t480\t626\t80\t45\t90.0\tbetalning
5\t1\t3\t2\t2\t4\t570\t626\t80\t45\t90.0\tgäller
5\t1\t3\t2\t2\t5\t660\t626\t80\t45\t90.0\tföljande:
5\t1\t3\t2\t2\t6\t750\t626\t80\t45\t90.0\tränta
4\t1\t3\t2\t3\t0\t303\t693\t246\t45\t-1\t
5\t1\t3\t2\t3\t1\t303\t693\t246\t45\t93.265244\tHyresgäst:
5\t1\t3\t2\t3\t2\t600\t693\t10\t45\t-1\t 
";

    fn by_id(blocks: &[Block]) -> HashMap<&str, &Block> {
        blocks.iter().map(|b| (b.id.as_str(), b)).collect()
    }

    fn related<'a>(block: &Block, kind: &str, index: &HashMap<&str, &'a Block>) -> Vec<&'a Block> {
        block
            .relationships
            .iter()
            .filter(|r| r.kind == kind)
            .flat_map(|r| r.ids.iter().map(|id| index[id.as_str()]))
            .collect()
    }

    fn words_text(blocks: &[&Block]) -> String {
        blocks
            .iter()
            .filter_map(|b| b.text.as_deref())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn lines_words_and_pages_are_linked_and_normalised() {
        let read = blocks_from_tsv(LEASE_TSV, 3).expect("parses");
        assert_eq!(read.pages, 1);
        let index = by_id(&read.blocks);
        assert_eq!(index.len(), read.blocks.len(), "ids are unique");
        assert!(read.blocks.iter().all(|b| b.page == Some(3)));
        let page = &read.blocks[0];
        assert_eq!(page.block_type, BlockType::Page);
        let lines: Vec<&Block> = related(page, "CHILD", &index)
            .into_iter()
            .filter(|b| b.block_type == BlockType::Line)
            .collect();
        let texts: Vec<&str> = lines.iter().filter_map(|b| b.text.as_deref()).collect();
        assert_eq!(
            texts,
            [
                "HYRESAVTAL FÖR LOKAL",
                "Hyresvärd: Fastighets AB Norrsken",
                "Vid försenad betalning gäller följande: ränta",
                "Hyresgäst:",
            ]
        );
        let title = lines[0];
        assert_eq!(
            words_text(&related(title, "CHILD", &index)),
            "HYRESAVTAL FÖR LOKAL"
        );
        let expected: f32 = (96.542_93 + 96.342_83 + 95.659_25) / 3.0;
        assert!((title.confidence.expect("confidence") - expected).abs() < 1e-3);
        let bbox = title
            .geometry
            .as_ref()
            .and_then(|g| g.bounding_box)
            .expect("box");
        assert!((bbox.left - 303.0 / 2481.0).abs() < 1e-6);
        assert!((bbox.top - 270.0 / 3507.0).abs() < 1e-6);
        assert!((bbox.width - 1033.0 / 2481.0).abs() < 1e-6);
        assert!((bbox.height - 68.0 / 3507.0).abs() < 1e-6);
        for block in &read.blocks {
            let geometry = block.geometry.as_ref().expect("geometry");
            assert_eq!(geometry.polygon.len(), 4);
            assert!(
                geometry
                    .polygon
                    .iter()
                    .all(|p| (0.0..=1.0).contains(&p.x) && (0.0..=1.0).contains(&p.y))
            );
        }
        let word = read
            .blocks
            .iter()
            .find(|b| b.block_type == BlockType::Word)
            .expect("a word");
        assert_eq!(word.text_type.as_deref(), Some("PRINTED"));
    }

    #[test]
    fn a_label_and_its_value_on_one_line_make_a_key_value_pair() {
        let read = blocks_from_tsv(LEASE_TSV, 1).expect("parses");
        let index = by_id(&read.blocks);
        let keys: Vec<&Block> = read
            .blocks
            .iter()
            .filter(|b| b.entity_types == ["KEY"])
            .collect();
        // The sentence's colon comes after its fourth word; the lone label has no value.
        assert_eq!(keys.len(), 1);
        let key = keys[0];
        assert_eq!(key.block_type, BlockType::KeyValueSet);
        assert_eq!(words_text(&related(key, "CHILD", &index)), "Hyresvärd:");
        let values = related(key, "VALUE", &index);
        assert_eq!(values.len(), 1);
        assert_eq!(values[0].entity_types, ["VALUE"]);
        assert_eq!(
            words_text(&related(values[0], "CHILD", &index)),
            "Fastighets AB Norrsken"
        );
        let page_children: HashSet<&str> = read.blocks[0].relationships[0]
            .ids
            .iter()
            .map(String::as_str)
            .collect();
        assert!(page_children.contains(key.id.as_str()));
        assert!(page_children.contains(values[0].id.as_str()));
    }

    #[test]
    fn a_page_without_words_is_a_page_block_alone() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t200\t-1\t\n";
        let read = blocks_from_tsv(tsv, 1).expect("parses");
        assert_eq!(read.pages, 1);
        assert_eq!(read.blocks.len(), 1);
        assert!(read.blocks[0].relationships.is_empty());
    }

    #[test]
    fn malformed_output_is_an_error_not_a_panic() {
        assert!(blocks_from_tsv("", 1).is_err());
        assert!(blocks_from_tsv("Tesseract Open Source OCR Engine\n", 1).is_err());
        let header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";
        let error = blocks_from_tsv(
            &format!("{header}5\t1\t1\t1\t1\t1\tx\t0\t1\t1\t90\tord\n"),
            1,
        )
        .expect_err("bad number");
        assert_eq!(error.line, 2);
        assert!(
            blocks_from_tsv(
                &format!("{header}5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tord\n"),
                1
            )
            .is_err()
        );
        assert!(
            blocks_from_tsv(&format!("{header}1\t1\t0\t0\t0\t0\t0\t0\t0\t0\t-1\t\n"), 1).is_err()
        );
    }
}
