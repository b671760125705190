//! In-browser tests of the Data page and the page navigation
//! (wasm-bindgen-test in headless Chromium). Loading itself runs in the
//! data worker, which Trunk builds and the end-to-end tests drive; here the
//! views are rendered from reports the core makes in the test, and the
//! edits they send are checked.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use cxi_dashboard::data::Edit;
use cxi_dashboard::data::Report;
use cxi_dashboard::data::Session;
use cxi_dashboard::data::Source;
use cxi_dashboard::data::SourceKind;
use cxi_parse::Field;
use cxi_parse::Role;
use cxi_types::Locale;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "common/dom.rs"]
mod dom;

use dom::{find, root, settle};

fn text(root: &Element, sel: &str) -> String {
    find(root, sel).text_content().unwrap_or_default()
}

fn fire(el: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = Event::new_with_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

const FRENCH: &str = "Client\tDate de commande\tMontant\tCanal\n\
    A12\t15/03/2024\t1 234,56 €\tWeb\n\
    B07\t16/03/2024\t12,3,4\tMagasin\n\
    A12\t02/04/2024\t(45,10)\tWeb\n";

fn report(csv: &str, locale: Locale) -> Report {
    let source = Source {
        name: "Cellules collées".into(),
        kind: SourceKind::Paste,
        bytes: csv.len() as u64,
    };
    Session::open(csv.as_bytes().to_vec(), source, &mut |_, _, _| {})
        .unwrap()
        .report(locale)
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    report: Rc<Report>,
    locale: Locale,
    onedit: Callback<Edit>,
}

#[function_component(View)]
fn view(p: &ViewProps) -> Html {
    cx_impact::ui::data::report_view(&p.report, p.locale, &p.onedit)
}

/// Renders a report and returns the root and the edits it sends.
async fn render(report: Report, locale: Locale) -> (Element, Rc<RefCell<Vec<Edit>>>) {
    let root = root();
    let edits: Rc<RefCell<Vec<Edit>>> = Rc::default();
    let sink = edits.clone();
    let props = ViewProps {
        report: Rc::new(report),
        locale,
        onedit: Callback::from(move |e| sink.borrow_mut().push(e)),
    };
    yew::Renderer::<View>::with_root_and_props(root.clone(), props).render();
    settle().await;
    (root, edits)
}

#[wasm_bindgen_test]
async fn a_french_report_shows_counts_located_problem_and_typed_preview() {
    let (root, _) = render(report(FRENCH, Locale::Fr), Locale::Fr).await;
    assert_eq!(
        text(&root, "#data-summary"),
        "2 lignes prêtes, 1 avec un problème"
    );
    assert_eq!(
        text(&root, "li.problem .message"),
        "ligne 3, colonne « Montant » : « 12,3,4 » n'est pas un nombre"
    );
    let fix: HtmlInputElement = find(&root, "li.problem input").dyn_into().unwrap();
    assert_eq!(fix.value(), "12,3,4");
    // The amount typed and formatted by the browser for French.
    let cell = find(&root, "#data-preview tbody tr td:nth-of-type(3)");
    assert_eq!(cell.get_attribute("data-value").as_deref(), Some("1234.56"));
    let shown = cell
        .text_content()
        .unwrap()
        .replace(['\u{202f}', '\u{a0}'], " ");
    assert_eq!(shown, "1 234,56");
    let refund = find(
        &root,
        "#data-preview tbody tr:nth-of-type(2) td:nth-of-type(3)",
    );
    assert_eq!(refund.get_attribute("data-value").as_deref(), Some("-45.1"));
    assert_eq!(refund.text_content().unwrap(), "-45,10");
    let date = find(&root, "#data-preview tbody tr td:nth-of-type(2)");
    assert_eq!(
        date.get_attribute("data-value").as_deref(),
        Some("2024-03-15")
    );
    assert_eq!(date.text_content().unwrap(), "15 mars 2024");
    let shape: HtmlSelectElement = find(&root, "#data-shape").dyn_into().unwrap();
    assert_eq!(shape.value(), "transactions");
    let amount: HtmlSelectElement = find(&root, "#data-col-2").dyn_into().unwrap();
    assert_eq!(amount.value(), "field:amount");
    // Each select is labelled by its column's header.
    assert_eq!(text(&root, "label[for=data-col-2]"), "Montant");
}

#[wasm_bindgen_test]
async fn fixing_excluding_and_remapping_send_edits() {
    let (root, edits) = render(report(FRENCH, Locale::En), Locale::En).await;
    let fix: HtmlInputElement = find(&root, "li.problem input").dyn_into().unwrap();
    fix.set_value("12,34");
    let form = find(&root, "li.problem form");
    fire(&form, "submit");
    let exclude: HtmlElement = find(&root, "li.problem button.secondary")
        .dyn_into()
        .unwrap();
    assert_eq!(exclude.text_content().unwrap(), "Exclude row 3");
    exclude.click();
    let col: HtmlSelectElement = find(&root, "#data-col-3").dyn_into().unwrap();
    col.set_value("field:segment");
    fire(&col, "change");
    let all: HtmlElement = find(&root, "#data-exclude-all").dyn_into().unwrap();
    all.click();
    settle().await;
    assert_eq!(
        *edits.borrow(),
        [
            Edit::Cell {
                row: 1,
                col: 2,
                value: "12,34".into()
            },
            Edit::Exclude {
                row: 1,
                excluded: true
            },
            Edit::Role {
                col: 3,
                role: Role::Field(Field::Segment)
            },
            Edit::ExcludeProblemRows,
        ]
    );
}

#[wasm_bindgen_test]
async fn ambiguous_dates_ask_with_two_answers() {
    let r = report(
        "customer,date,amount\nA,03/04/2024,1\nA,05/06/2024,2\n",
        Locale::En,
    );
    let (root, edits) = render(r, Locale::En).await;
    assert!(text(&root, "#data-date-question").contains("\"03/04/2024\""));
    let month_first: HtmlElement = find(&root, "#data-month-first").dyn_into().unwrap();
    assert_eq!(
        month_first.text_content().unwrap(),
        "Month first: March 4, 2024"
    );
    month_first.click();
    settle().await;
    assert_eq!(
        *edits.borrow(),
        [Edit::DateOrder {
            order: Some(cxi_parse::DateOrder::MonthFirst)
        }]
    );
    // No preview and no summary until the dates can be read.
    assert!(root.query_selector("#data-preview").unwrap().is_none());
    assert!(root.query_selector("#data-summary").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn an_incomplete_mapping_says_what_is_missing() {
    let mut s = Session::open(
        FRENCH.as_bytes().to_vec(),
        Source {
            name: "x".into(),
            kind: SourceKind::Paste,
            bytes: 0,
        },
        &mut |_, _, _| {},
    )
    .unwrap();
    s.apply(Edit::Role {
        col: 2,
        role: Role::Ignore,
    });
    let (root, _) = render(s.report(Locale::Fr), Locale::Fr).await;
    assert_eq!(
        text(&root, "#data-unusable"),
        "Journal des commandes : il faut une colonne pour montant"
    );
}

async fn mount_app() -> Element {
    // Each test starts from defaults, not from the autosave of the one before.
    <gloo::storage::LocalStorage as gloo::storage::Storage>::clear();
    let root = root();
    yew::Renderer::<cx_impact::ui::App>::with_root(root.clone()).render();
    settle().await;
    root
}

async fn go(hash: &str) {
    let w = gloo::utils::window();
    w.location().set_hash(hash).unwrap();
    // hashchange is asynchronous; wait for it and the render.
    yew::platform::time::sleep(Duration::from_millis(120)).await;
}

#[wasm_bindgen_test]
async fn the_hash_picks_the_page_and_the_nav_marks_it() {
    go("#/clv").await;
    let root = mount_app().await;
    assert!(root.query_selector("#clv-heading").unwrap().is_some());
    assert_eq!(
        find(&root, "#nav-value")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
    go("#/data").await;
    assert!(root.query_selector("#clv-heading").unwrap().is_none());
    let data = find(&root, "section.data");
    assert!(!data.has_attribute("hidden"));
    assert_eq!(
        find(&root, "#nav-data")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
    assert_eq!(
        find(&root, "#nav-value").get_attribute("aria-current"),
        None
    );
    let doc = gloo::utils::document();
    assert_eq!(
        doc.active_element().map(|e| e.id()).as_deref(),
        Some("data-heading")
    );
    go("#/somewhere-else").await;
    assert!(root.query_selector("#overview-heading").unwrap().is_some());
    assert!(find(&root, "section.data").has_attribute("hidden"));
    go("").await;
}

#[wasm_bindgen_test]
async fn a_worker_that_cannot_start_changes_nothing_and_says_so() {
    // The test page has no data worker next to it: loading a sample must
    // fail cleanly, with the page still usable.
    go("#/data").await;
    let root = mount_app().await;
    let before = text(&root, "#data-in-use");
    let sample: HtmlElement = find(&root, "#sample-retail").dyn_into().unwrap();
    sample.click();
    let mut notice = None;
    for _ in 0..50 {
        yew::platform::time::sleep(Duration::from_millis(100)).await;
        notice = root.query_selector("#data-notice").unwrap();
        if notice.is_some() {
            break;
        }
    }
    let notice = notice.expect("a notice");
    assert!(
        notice
            .text_content()
            .unwrap()
            .contains("nothing was changed")
            || notice.text_content().unwrap().contains("rien n'a changé")
    );
    assert_eq!(text(&root, "#data-in-use"), before);
    assert!(root.query_selector("#data-progress").unwrap().is_none());
    go("").await;
}
