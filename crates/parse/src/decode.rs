//! From bytes to text: byte-order marks, UTF-16 (Excel's "Unicode text"),
//! Windows-1252 (Excel's French "CSV (séparateur : point-virgule)"), and the
//! refusal of files that are not text at all.

use super::error::{Encoding, ParseError};

/// How much of the start of the input is inspected to tell text from binary.
const SNIFF: usize = 64 * 1024;

/// Largest input: offsets are stored as `u32`, and a browser tab would not
/// hold more anyway.
pub const MAX_INPUT: usize = u32::MAX as usize - 1;

/// The input as text: `text[start..]` (a UTF-8 input keeps its bytes, and
/// its byte-order mark before `start`, so that it is not copied).
pub(crate) struct Decoded {
    pub text: String,
    pub start: usize,
    pub encoding: Encoding,
}

impl Decoded {
    #[cfg(test)]
    fn as_str(&self) -> &str {
        &self.text[self.start..]
    }
}

/// Recognises spreadsheet and other binary files from their first bytes.
pub(crate) fn sniff_binary(input: &[u8]) -> Option<ParseError> {
    let starts = |sig: &[u8]| input.starts_with(sig);
    if starts(b"PK\x03\x04") {
        return Some(ParseError::Spreadsheet);
    }
    if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(ParseError::Spreadsheet);
    }
    for (sig, what) in [
        (&b"%PDF"[..], "a PDF document"),
        (&b"\x89PNG"[..], "a PNG image"),
        (&b"\xFF\xD8\xFF"[..], "a JPEG image"),
        (&b"GIF8"[..], "a GIF image"),
        (&b"\x1F\x8B"[..], "a gzip archive"),
        (&b"Rar!"[..], "a RAR archive"),
        (&b"7z\xBC\xAF"[..], "a 7-Zip archive"),
    ] {
        if starts(sig) {
            return Some(ParseError::Binary { what });
        }
    }
    None
}

pub(crate) fn decode(input: Vec<u8>) -> Result<Decoded, ParseError> {
    if input.len() > MAX_INPUT {
        return Err(ParseError::TooLarge {
            bytes: input.len() as u64,
        });
    }
    if let Some(e) = sniff_binary(&input) {
        return Err(e);
    }
    let (text, start, encoding) = if input.starts_with(b"\xEF\xBB\xBF") {
        match String::from_utf8(input) {
            Ok(s) => (s, 3, Encoding::Utf8),
            Err(e) => (windows_1252(&e.as_bytes()[3..]), 0, Encoding::Windows1252),
        }
    } else if let Some(rest) = input.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, u16::from_le_bytes)?, 0, Encoding::Utf16)
    } else if let Some(rest) = input.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, u16::from_be_bytes)?, 0, Encoding::Utf16)
    } else {
        let head = &input[..input.len().min(SNIFF)];
        if memchr::memchr(0, head).is_some() {
            // UTF-16 without a byte-order mark shows a zero in every other
            // byte for ASCII text; anything else with zeros is binary.
            let odd_zeros = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
            if head.len() >= 4 && odd_zeros * 10 >= head.len() / 2 * 9 {
                (utf16(&input, u16::from_le_bytes)?, 0, Encoding::Utf16)
            } else {
                return Err(ParseError::Binary {
                    what: "a binary file",
                });
            }
        } else {
            match String::from_utf8(input) {
                Ok(s) => (s, 0, Encoding::Utf8),
                Err(e) => (windows_1252(e.as_bytes()), 0, Encoding::Windows1252),
            }
        }
    };
    let body = &text[start..];
    if body.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let head = &body.as_bytes()[..body.len().min(SNIFF)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls * 100 > head.len() {
        return Err(ParseError::Binary {
            what: "a binary file",
        });
    }
    // Old Mac files end lines with a lone carriage return.
    if memchr::memchr(b'\n', body.as_bytes()).is_none() && body.contains('\r') {
        let text = body.replace('\r', "\n");
        return Ok(Decoded {
            text,
            start: 0,
            encoding,
        });
    }
    Ok(Decoded {
        text,
        start,
        encoding,
    })
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, ParseError> {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| ParseError::Binary {
            what: "a file in broken UTF-16",
        })
}

/// Windows-1252 bytes 0x80–0x9F; the five unassigned ones map to the C1
/// controls of the same value, as the WHATWG Encoding Standard does.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_encodings() {
        let d = decode(b"\xEF\xBB\xBFa;b\n1;2\n".to_vec()).unwrap();
        assert_eq!(d.as_str(), "a;b\n1;2\n");
        assert_eq!(d.encoding, Encoding::Utf8);

        // "Montant\n1 234,56 €" as Windows-1252: é is 0xE9, € is 0x80.
        let d = decode(b"Cat\xE9gorie;Montant\n1;12 \x80\n".to_vec()).unwrap();
        assert_eq!(d.as_str(), "Catégorie;Montant\n1;12 €\n");
        assert_eq!(d.encoding, Encoding::Windows1252);

        let utf16le: Vec<u8> = "\u{feff}a\tb\n1\t2\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(utf16le).unwrap();
        assert_eq!(d.as_str(), "a\tb\n1\t2\n");
        assert_eq!(d.encoding, Encoding::Utf16);

        let no_bom: Vec<u8> = "a\tb\n1\t2\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(no_bom).unwrap().as_str(), "a\tb\n1\t2\n");

        let be: Vec<u8> = "\u{feff}x;y\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(be).unwrap().as_str(), "x;y\n");
    }

    #[test]
    fn lone_carriage_returns_are_line_ends() {
        assert_eq!(
            decode(b"a,b\r1,2\r".to_vec()).unwrap().as_str(),
            "a,b\n1,2\n"
        );
        // With line feeds present, carriage returns are left to the parser.
        assert_eq!(
            decode(b"a,b\r\n1,2\r\n".to_vec()).unwrap().as_str(),
            "a,b\r\n1,2\r\n"
        );
    }

    #[test]
    fn refuses_empty_and_binary() {
        let err = |b: &[u8]| decode(b.to_vec()).err().unwrap();
        assert_eq!(err(b""), ParseError::Empty);
        assert_eq!(err(b" \r\n\t\n"), ParseError::Empty);
        assert_eq!(err(b"\xEF\xBB\xBF"), ParseError::Empty);
        assert_eq!(err(b"PK\x03\x04rest"), ParseError::Spreadsheet);
        assert_eq!(
            err(b"%PDF-1.7 ..."),
            ParseError::Binary {
                what: "a PDF document"
            }
        );
        assert_eq!(
            err(b"ab\x00\x01\x02cd\x00\xff"),
            ParseError::Binary {
                what: "a binary file"
            }
        );
        assert_eq!(
            err(b"a\x01b\x02c\x03d\x04e\x05"),
            ParseError::Binary {
                what: "a binary file"
            }
        );
        assert_eq!(
            err(b"\xFF\xFE\x00\xD8"),
            ParseError::Binary {
                what: "a file in broken UTF-16"
            }
        );
    }
}
