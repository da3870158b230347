/* zicha-field-row.h — one answer of the form, as a row the user edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built from a form item: an entry for text, numbers, codes and dates, a
 * drop-down for choices and yes/no, check buttons for multiple choices, a
 * text view for narratives. Every change is saved through the session at once.
 */
#pragma once

#include <adwaita.h>

#include "zicha-report-session.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_FIELD_ROW (zicha_field_row_get_type ())

G_DECLARE_FINAL_TYPE (ZichaFieldRow, zicha_field_row, ZICHA, FIELD_ROW, AdwPreferencesRow)

/* @item is any item but a table or a narrative (long text); a column needs
 * @row_uuid. */
GtkWidget     *zicha_field_row_new         (ZichaReportSession *session,
                                            ZichaFormItem      *item,
                                            const char         *row_uuid);
ZichaFormItem *zicha_field_row_get_item    (ZichaFieldRow      *self);
const char    *zicha_field_row_get_row_uuid (ZichaFieldRow     *self);
/* Reads the value from the store again (after undo, for example). */
void           zicha_field_row_reload      (ZichaFieldRow      *self);
/* Shows a problem under the field, or clears it with NULL. */
void           zicha_field_row_set_problem (ZichaFieldRow      *self,
                                            const char         *message,
                                            gboolean            is_error);
/* The problem shown under the field, or NULL. */
const char    *zicha_field_row_get_problem (ZichaFieldRow      *self);
/* The widget the user types into, to focus it. */
GtkWidget     *zicha_field_row_get_input   (ZichaFieldRow      *self);

G_END_DECLS
