/* zicha-report.h — one self-inspection report as the store knows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An immutable snapshot of a report's row: identity, form, unit, state.
 * The store hands out a fresh one after every change of these fields.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ZICHA_REPORT_DRAFT,        /* 草稿: editable */
  ZICHA_REPORT_FINALIZED,    /* 已定稿: frozen, waiting to be sent */
  ZICHA_REPORT_SUBMITTED,    /* 已提交: queued or sent, no receipt yet */
  ZICHA_REPORT_ACKNOWLEDGED, /* 已回执: the platform's receipt is stored */
} ZichaReportState;

const char *zicha_report_state_to_string   (ZichaReportState  state);
gboolean    zicha_report_state_from_string (const char       *string,
                                            ZichaReportState *state);
/* The state as the user reads it, translated: 草稿, 已定稿, … */
const char *zicha_report_state_get_label   (ZichaReportState  state);

#define ZICHA_TYPE_REPORT (zicha_report_get_type ())

G_DECLARE_FINAL_TYPE (ZichaReport, zicha_report, ZICHA, REPORT, GObject)

const char       *zicha_report_get_uuid          (ZichaReport *self);
const char       *zicha_report_get_form_id       (ZichaReport *self);
const char       *zicha_report_get_form_version  (ZichaReport *self);
const char       *zicha_report_get_unit_name     (ZichaReport *self);
const char       *zicha_report_get_unit_code     (ZichaReport *self);
int               zicha_report_get_year          (ZichaReport *self);
ZichaReportState  zicha_report_get_state         (ZichaReport *self);
int               zicha_report_get_revision      (ZichaReport *self);
/* The report this one was copied from or is a new revision of, or NULL. */
const char       *zicha_report_get_based_on_uuid (ZichaReport *self);
GDateTime        *zicha_report_get_created       (ZichaReport *self);
GDateTime        *zicha_report_get_modified      (ZichaReport *self);
/* NULL while a draft. */
GDateTime        *zicha_report_get_finalized     (ZichaReport *self);
const char       *zicha_report_get_digest        (ZichaReport *self);
gboolean          zicha_report_is_editable       (ZichaReport *self);

G_END_DECLS
