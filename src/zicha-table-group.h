/* zicha-table-group.h — a repeatable table: one row per system, website…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-report-session.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_TABLE_GROUP (zicha_table_group_get_type ())

G_DECLARE_FINAL_TYPE (ZichaTableGroup, zicha_table_group, ZICHA, TABLE_GROUP, AdwPreferencesGroup)

GtkWidget     *zicha_table_group_new       (ZichaReportSession *session,
                                            ZichaFormItem      *table);
ZichaFormItem *zicha_table_group_get_table (ZichaTableGroup    *self);
/* Rebuilds the rows from the store. */
void           zicha_table_group_reload    (ZichaTableGroup    *self);
/* Opens the editor of a row. */
void           zicha_table_group_edit_row  (ZichaTableGroup    *self,
                                            const char         *row_uuid);

G_END_DECLS
