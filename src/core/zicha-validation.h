/* zicha-validation.h — what is wrong with a report, and how far it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * zicha_validate() is a pure function of the form, the answers and the
 * date it runs: it returns every problem (field path, row, severity,
 * message in Chinese and English) and, per section, how many required
 * fields are answered and how many errors and warnings there are. The UI,
 * the CLI and finalization all use it. What it checks, in order, is
 * described in docs/form-format.md, "How validation reads a definition".
 *
 * Answers of items that are not relevant are ignored: conditions see them
 * as unanswered, and nothing about them is reported.
 */
#pragma once

#include <glib-object.h>

#include "zicha-answers.h"
#include "zicha-form.h"
#include "zicha-types.h"

G_BEGIN_DECLS

typedef struct
{
  /* "section.item", "section.table" or "section.table[ROW].column" */
  char          *path;
  ZichaFormItem *item;        /* borrowed from the form */
  char          *row_id;      /* the row, for cells and row rules; or NULL */
  ZichaSeverity  severity;
  /* Which check: a rule id, or one of "required", "type", "min", "max",
   * "decimals", "max_length", "option", "code", "min_rows", "max_rows",
   * "constraint". */
  char          *check;
  ZichaFormRule *rule;        /* the rule or constraint, or NULL */
  char          *message_zh;
  char          *message_en;
} ZichaProblem;

typedef struct
{
  ZichaFormSection *section;
  guint             answered_required;
  guint             total_required;
  guint             errors;
  guint             warnings;
} ZichaSectionProgress;

#define ZICHA_TYPE_VALIDATION (zicha_validation_get_type ())

G_DECLARE_FINAL_TYPE (ZichaValidation, zicha_validation, ZICHA, VALIDATION, GObject)

/* @today: the day of the validation, which "within N months" counts from
 * when the form's report date field (填表日期) is empty; NULL means the
 * local date now. */
ZichaValidation            *zicha_validate                   (ZichaAnswers    *answers,
                                                              const GDate     *today);

/* Problems in document order. */
guint                       zicha_validation_get_n_problems  (ZichaValidation *self);
const ZichaProblem         *zicha_validation_get_problem     (ZichaValidation *self,
                                                              guint            index);
guint                       zicha_validation_get_n_errors    (ZichaValidation *self);
guint                       zicha_validation_get_n_warnings  (ZichaValidation *self);

/* One per section, in form order. */
const ZichaSectionProgress *zicha_validation_get_progress    (ZichaValidation *self,
                                                              guint            section_index);

/* Whether the item (a column: in @row_id) was relevant. */
gboolean                    zicha_validation_is_relevant     (ZichaValidation *self,
                                                              ZichaFormItem   *item,
                                                              const char      *row_id);

/* The date "within N months" counted from. */
void                        zicha_validation_get_report_date (ZichaValidation *self,
                                                              GDate           *date);

G_END_DECLS
