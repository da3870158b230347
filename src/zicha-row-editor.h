/* zicha-row-editor.h — edits one row of a repeatable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "zicha-report-session.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_ROW_EDITOR (zicha_row_editor_get_type ())

G_DECLARE_FINAL_TYPE (ZichaRowEditor, zicha_row_editor, ZICHA, ROW_EDITOR, AdwWindow)

ZichaRowEditor *zicha_row_editor_new (GtkWindow          *parent,
                                      ZichaReportSession *session,
                                      ZichaFormItem      *table,
                                      const char         *row_uuid);

G_END_DECLS
