//! Text of the share, save, offline and print controls, one table per
//! language.

use crate::share::error::ShareError;

/// Labels, notices and sentence templates; templates name their
/// placeholders in braces, filled by [`fill`](super::fill).
#[derive(Debug)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ShareStrings {
    /// Accessible name of the toolbar.
    pub toolbar: &'static str,
    pub copy_link: &'static str,
    pub copy_link_help: &'static str,
    /// Label of the box showing the link.
    pub link_label: &'static str,
    pub link_copied: &'static str,
    /// The clipboard refused (no permission, file://): the link is shown to copy by hand.
    pub link_shown: &'static str,
    /// `{pages}`, `{limit}`.
    pub link_omitted: &'static str,
    /// `{reason}`.
    pub link_impossible: &'static str,
    pub opened_link: &'static str,
    /// `{pages}`.
    pub opened_link_omitted: &'static str,
    /// `{reason}`.
    pub link_error: &'static str,
    pub save_file: &'static str,
    pub save_file_help: &'static str,
    pub open_file: &'static str,
    pub open_file_help: &'static str,
    /// `{name}`.
    pub file_opened: &'static str,
    /// `{name}`, `{reason}`.
    pub file_error: &'static str,
    pub reset: &'static str,
    pub reset_help: &'static str,
    pub reset_done: &'static str,
    pub undo: &'static str,
    pub undone: &'static str,
    pub print: &'static str,
    pub print_help: &'static str,
    pub offline_copy: &'static str,
    pub offline_copy_help: &'static str,
    pub autosave_unavailable: &'static str,
    /// `{reason}`, `{key}`.
    pub restore_failed: &'static str,
    /// Link shown at the foot of an embedded view.
    pub open_full: &'static str,
    /// Title of the printed report.
    pub report_title: &'static str,
    pub dismiss: &'static str,
    // Reasons, one per ShareError.
    pub err_empty: &'static str,
    /// `{len}`, `{max}`.
    pub err_too_long: &'static str,
    pub err_not_a_link: &'static str,
    /// `{found}`, `{supported}`.
    pub err_newer: &'static str,
    pub err_encoding: &'static str,
    pub err_compression: &'static str,
    /// `{detail}`.
    pub err_scenario: &'static str,
}

impl ShareStrings {
    /// Why a link, file or autosave could not be opened, in this language.
    pub fn error(&self, e: &ShareError) -> String {
        use super::template::fill;
        match e {
            ShareError::Empty => self.err_empty.to_string(),
            ShareError::TooLong { len, max } => fill(
                self.err_too_long,
                &[("len", &len.to_string()), ("max", &max.to_string())],
            ),
            ShareError::NotAScenarioLink => self.err_not_a_link.to_string(),
            ShareError::NewerFormat { found, supported } => fill(
                self.err_newer,
                &[
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            ShareError::BadEncoding => self.err_encoding.to_string(),
            ShareError::BadCompression => self.err_compression.to_string(),
            // serde's message names the field and position; it stays in English.
            ShareError::BadScenario(m) => fill(self.err_scenario, &[("detail", m)]),
        }
    }
}

pub const EN: ShareStrings = ShareStrings {
    toolbar: "Share, save and print",
    copy_link: "Copy link",
    copy_link_help: "A link that opens this exact scenario. It is computed here: nothing is sent anywhere.",
    link_label: "Link to this scenario",
    link_copied: "Link copied. It carries your assumptions and the summaries of your data, never its rows.",
    link_shown: "Copy this link (the browser did not allow copying it for you). It carries your assumptions and the summaries of your data, never its rows.",
    link_omitted: "Left out of the link to keep it under {limit} KB: the data summaries of {pages}. Those pages will use their assumptions; save a .cxi.json file to keep everything.",
    link_impossible: "This scenario does not fit in a link: {reason}. Save a .cxi.json file instead.",
    opened_link: "Scenario opened from the link.",
    opened_link_omitted: "This link left out the data summaries of {pages} (too long for a link): those pages use their assumptions. Ask for the .cxi.json file for the full scenario.",
    link_error: "This link could not be opened: {reason}. The app works as usual.",
    save_file: "Save file",
    save_file_help: "Download the scenario as a .cxi.json file, with everything it holds.",
    open_file: "Open file",
    open_file_help: "Open a .cxi.json scenario file. Your scenario is replaced only if the file is valid, and Undo brings it back.",
    file_opened: "Scenario opened from {name}.",
    file_error: "{name} was not opened: {reason}. Your scenario is unchanged.",
    reset: "Reset",
    reset_help: "Back to the default assumptions, without data. Undo brings your scenario back.",
    reset_done: "Scenario reset.",
    undo: "Undo",
    undone: "Your previous scenario is back.",
    print: "Print / PDF",
    print_help: "A report on A4: overview, business case and assumptions.",
    offline_copy: "Download offline copy",
    offline_copy_help: "The whole app in one HTML file: it works without network, from a USB stick or an e-mail.",
    autosave_unavailable: "This browser does not let the app keep your scenario (private mode or storage full): save a file to keep it.",
    restore_failed: "Your saved scenario could not be restored ({reason}). It is kept in this browser under “{key}”.",
    open_full: "Open in CX Impact",
    report_title: "CX Impact report",
    dismiss: "Dismiss",
    err_empty: "it is empty",
    err_too_long: "it is too long ({len} bytes, at most {max})",
    err_not_a_link: "it is not a CX Impact scenario link",
    err_newer: "it was made by a newer version of CX Impact (format {found}; this one reads up to {supported})",
    err_encoding: "it is damaged or truncated (bad encoding)",
    err_compression: "it is damaged or truncated (bad compressed data)",
    err_scenario: "it is not a valid scenario ({detail})",
};

pub const FR: ShareStrings = ShareStrings {
    toolbar: "Partager, enregistrer et imprimer",
    copy_link: "Copier le lien",
    copy_link_help: "Un lien qui ouvre exactement ce scénario. Il est calculé ici : rien n'est envoyé nulle part.",
    link_label: "Lien vers ce scénario",
    link_copied: "Lien copié. Il contient vos hypothèses et les synthèses de vos données, jamais leurs lignes.",
    link_shown: "Copiez ce lien (le navigateur n'a pas permis de le copier pour vous). Il contient vos hypothèses et les synthèses de vos données, jamais leurs lignes.",
    link_omitted: "Laissées hors du lien pour qu'il reste sous {limit} Ko : les synthèses de données de {pages}. Ces pages utiliseront leurs hypothèses ; enregistrez un fichier .cxi.json pour tout garder.",
    link_impossible: "Ce scénario ne tient pas dans un lien : {reason}. Enregistrez plutôt un fichier .cxi.json.",
    opened_link: "Scénario ouvert depuis le lien.",
    opened_link_omitted: "Ce lien ne contient pas les synthèses de données de {pages} (trop longues pour un lien) : ces pages utilisent leurs hypothèses. Demandez le fichier .cxi.json pour le scénario complet.",
    link_error: "Ce lien n'a pas pu être ouvert : {reason}. L'application fonctionne normalement.",
    save_file: "Enregistrer",
    save_file_help: "Télécharger le scénario dans un fichier .cxi.json, avec tout ce qu'il contient.",
    open_file: "Ouvrir un fichier",
    open_file_help: "Ouvrir un fichier de scénario .cxi.json. Votre scénario n'est remplacé que si le fichier est valide, et Annuler le rétablit.",
    file_opened: "Scénario ouvert depuis {name}.",
    file_error: "{name} n'a pas été ouvert : {reason}. Votre scénario n'a pas changé.",
    reset: "Réinitialiser",
    reset_help: "Revenir aux hypothèses par défaut, sans données. Annuler rétablit votre scénario.",
    reset_done: "Scénario réinitialisé.",
    undo: "Annuler",
    undone: "Votre scénario précédent est rétabli.",
    print: "Imprimer / PDF",
    print_help: "Un rapport au format A4 : synthèse, business case et hypothèses.",
    offline_copy: "Télécharger la copie hors ligne",
    offline_copy_help: "Toute l'application dans un seul fichier HTML : elle fonctionne sans réseau, depuis une clé USB ou un e-mail.",
    autosave_unavailable: "Ce navigateur ne permet pas de conserver votre scénario (navigation privée ou stockage plein) : enregistrez un fichier pour le garder.",
    restore_failed: "Votre scénario enregistré n'a pas pu être rétabli ({reason}). Il est conservé dans ce navigateur sous « {key} ».",
    open_full: "Ouvrir dans CX Impact",
    report_title: "Rapport CX Impact",
    dismiss: "Fermer",
    err_empty: "il est vide",
    err_too_long: "il est trop long ({len} octets, au plus {max})",
    err_not_a_link: "ce n'est pas un lien de scénario CX Impact",
    err_newer: "il a été créé par une version plus récente de CX Impact (format {found} ; celle-ci lit jusqu'au {supported})",
    err_encoding: "il est abîmé ou tronqué (encodage invalide)",
    err_compression: "il est abîmé ou tronqué (données compressées invalides)",
    err_scenario: "ce n'est pas un scénario valide ({detail})",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        let errors = [
            ShareError::Empty,
            ShareError::TooLong {
                len: 40000,
                max: 32768,
            },
            ShareError::NotAScenarioLink,
            ShareError::NewerFormat {
                found: 3,
                supported: 1,
            },
            ShareError::BadEncoding,
            ShareError::BadCompression,
            ShareError::BadScenario("missing field `clv`".into()),
        ];
        for t in [&EN, &FR] {
            for e in &errors {
                let m = t.error(e);
                assert!(!m.is_empty() && !m.contains('{'), "{m}");
            }
        }
        assert_eq!(
            FR.error(&errors[1]),
            "il est trop long (40000 octets, au plus 32768)"
        );
    }
}
