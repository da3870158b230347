/* zicha-section-page.h — one wizard page, built from a form section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-field-row.h"
#include "zicha-report-session.h"
#include "zicha-table-group.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_SECTION_PAGE (zicha_section_page_get_type ())

G_DECLARE_FINAL_TYPE (ZichaSectionPage, zicha_section_page, ZICHA, SECTION_PAGE, AdwPreferencesPage)

GtkWidget        *zicha_section_page_new         (ZichaReportSession *session,
                                                  ZichaFormSection   *section);
ZichaFormSection *zicha_section_page_get_section (ZichaSectionPage   *self);
/* The row of a plain item on this page, or NULL. */
ZichaFieldRow    *zicha_section_page_lookup_row  (ZichaSectionPage   *self,
                                                  ZichaFormItem      *item);
/* The group of a table on this page, or NULL. */
ZichaTableGroup  *zicha_section_page_lookup_table (ZichaSectionPage   *self,
                                                  ZichaFormItem      *table);
/* Re-reads every value (after undo or redo). */
void              zicha_section_page_reload      (ZichaSectionPage   *self);
/* Every field row on the page, in order. */
GPtrArray        *zicha_section_page_get_rows    (ZichaSectionPage   *self);

G_END_DECLS
