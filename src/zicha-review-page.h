/* zicha-review-page.h — every problem of the report, and finalizing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-report-session.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_REVIEW_PAGE (zicha_review_page_get_type ())

G_DECLARE_FINAL_TYPE (ZichaReviewPage, zicha_review_page, ZICHA, REVIEW_PAGE, AdwPreferencesPage)

/* Emits "problem-activated" (item, row UUID or NULL) when the user picks a
 * problem, to be taken to its field. */
GtkWidget *zicha_review_page_new (ZichaReportSession *session);

G_END_DECLS
