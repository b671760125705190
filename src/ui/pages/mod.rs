//! One component per dashboard page, each over the whole scenario. Pages
//! only lay out what `cxi_dashboard::pages` computes.

mod assumptions;
mod business;
mod churn;
mod drivers;
mod maturity;
mod overview;
mod props;
mod value;
mod voice;

pub use assumptions::AssumptionsPage;
pub use business::BusinessPage;
pub use churn::ChurnPage;
pub use drivers::DriversPage;
pub use maturity::MaturityPage;
pub use overview::OverviewPage;
pub use value::ValuePage;
pub use voice::VoicePage;

pub use props::PageProps;
