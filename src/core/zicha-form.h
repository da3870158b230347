/* zicha-form.h — a form definition: sections, items, tables, rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is data (docs/form-format.md). ZichaForm loads a definition,
 * rejects a bad one with one precise ZICHA_FORM_ERROR, and then answers
 * questions about it. It is immutable; sections, items, rules and
 * conditions belong to it and are valid while it lives.
 */
#pragma once

#include <gio/gio.h>

#include "zicha-condition.h"
#include "zicha-form-error.h"
#include "zicha-form-item.h"
#include "zicha-form-rule.h"
#include "zicha-form-section.h"
#include "zicha-localized-text.h"

G_BEGIN_DECLS

/* The "format_version" this program reads. */
#define ZICHA_FORM_FORMAT_VERSION 1

/* The form zicha uses when none is named. */
#define ZICHA_FORM_DEFAULT_FILE_NAME "edu-cybersec-selfcheck-2019.json"

#define ZICHA_TYPE_FORM (zicha_form_get_type ())

G_DECLARE_FINAL_TYPE (ZichaForm, zicha_form, ZICHA, FORM, GObject)

/* Loading. A file that cannot be read gives a G_FILE_ERROR; syntax errors
 * in a file start with its path ("x.json:4:3: …"), in bytes or a string
 * with the position ("4:3: …"). */
ZichaForm                *zicha_form_new_from_file    (const char  *path,
                                                       GError     **error);
ZichaForm                *zicha_form_new_from_bytes   (GBytes      *bytes,
                                                       GError     **error);
ZichaForm                *zicha_form_new_from_string  (const char  *text,
                                                       gssize       length,
                                                       GError     **error);

/* Path of the default form: the first of $ZICHA_DATADIR/forms,
 * PKGDATADIR/forms (installed) and SOURCE_DATADIR/forms (uninstalled)
 * that has ZICHA_FORM_DEFAULT_FILE_NAME; NULL when none has. */
char                     *zicha_form_default_path     (void);

const char               *zicha_form_get_id           (ZichaForm *form);
guint                     zicha_form_get_version      (ZichaForm *form);
const ZichaLocalizedText *zicha_form_get_title        (ZichaForm *form);

/* Campaign metadata */
const ZichaLocalizedText *zicha_form_get_campaign_name (ZichaForm *form);
guint                     zicha_form_get_campaign_year (ZichaForm *form);
/* The submission deadline, as "YYYY-MM-DD" and as a date. */
const char               *zicha_form_get_deadline      (ZichaForm *form);
void                      zicha_form_get_deadline_date (ZichaForm *form,
                                                        GDate     *date);
/* 主送 / 报送对象 */
const ZichaLocalizedText *zicha_form_get_addressee     (ZichaForm *form);
/* Nullable: the notice the campaign follows, the platform's base URL,
 * the date item that holds the report's date (填表日期). */
const ZichaLocalizedText *zicha_form_get_notice        (ZichaForm *form);
const char               *zicha_form_get_platform_url  (ZichaForm *form);
ZichaFormItem            *zicha_form_get_report_date_item (ZichaForm *form);

/* Sections */
guint                     zicha_form_get_n_sections    (ZichaForm  *form);
ZichaFormSection         *zicha_form_get_section       (ZichaForm  *form,
                                                        guint       index);
ZichaFormSection         *zicha_form_lookup_section    (ZichaForm  *form,
                                                        const char *id);

/* Form-level cross-field rules */
guint                     zicha_form_get_n_rules       (ZichaForm  *form);
ZichaFormRule            *zicha_form_get_rule          (ZichaForm  *form,
                                                        guint       index);
/* Any rule by id: form rules and table rules. */
ZichaFormRule            *zicha_form_lookup_rule       (ZichaForm  *form,
                                                        const char *id);

/* Every item in document order, tables followed by their columns. */
guint                     zicha_form_get_n_all_items   (ZichaForm  *form);
ZichaFormItem            *zicha_form_get_all_item      (ZichaForm  *form,
                                                        guint       index);

/* Looks up an item by field path: "section.item", "section.table",
 * "section.table[].column" or "section.table[ROW-UUID].column". For a
 * cell path with a row, *row_id (if given) is set to a copy of the row id,
 * otherwise to NULL. Returns NULL when there is no such field or the path
 * is malformed. */
ZichaFormItem            *zicha_form_lookup_item       (ZichaForm   *form,
                                                        const char  *path,
                                                        char       **row_id);

G_END_DECLS
