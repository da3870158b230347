/* zicha-form-section.h — one section of a form: a wizard page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made by the loader (ZichaForm), immutable, and owned by its form.
 */
#pragma once

#include <glib-object.h>

#include "zicha-form-item.h"
#include "zicha-localized-text.h"

G_BEGIN_DECLS

#define ZICHA_TYPE_FORM_SECTION (zicha_form_section_get_type ())

G_DECLARE_FINAL_TYPE (ZichaFormSection, zicha_form_section, ZICHA, FORM_SECTION, GObject)

/* Which document prints the section. */
typedef enum
{
  ZICHA_FORM_DOCUMENT_TABLE,  /* the 自查表 */
  ZICHA_FORM_DOCUMENT_REPORT, /* the 自查报告 */
} ZichaFormDocument;

/* Items printed together as one row or block. */
typedef struct
{
  char               *id;
  ZichaLocalizedText *label;
  ZichaLocalizedText *guidance; /* nullable */
} ZichaFormGroup;

const char               *zicha_form_section_get_id       (ZichaFormSection *section);
/* Position in the form, from 0. */
guint                     zicha_form_section_get_index    (ZichaFormSection *section);
const ZichaLocalizedText *zicha_form_section_get_title    (ZichaFormSection *section);
/* Nullable. */
const char               *zicha_form_section_get_number   (ZichaFormSection *section);
const ZichaLocalizedText *zicha_form_section_get_guidance (ZichaFormSection *section);
ZichaFormDocument         zicha_form_section_get_document (ZichaFormSection *section);

guint                     zicha_form_section_get_n_items  (ZichaFormSection *section);
ZichaFormItem            *zicha_form_section_get_item     (ZichaFormSection *section,
                                                           guint             index);
ZichaFormItem            *zicha_form_section_lookup_item  (ZichaFormSection *section,
                                                           const char       *id);
/* How many of the items are tables. */
guint                     zicha_form_section_get_n_tables (ZichaFormSection *section);

guint                     zicha_form_section_get_n_groups (ZichaFormSection *section);
const ZichaFormGroup     *zicha_form_section_get_group    (ZichaFormSection *section,
                                                           guint             index);
const ZichaFormGroup     *zicha_form_section_lookup_group (ZichaFormSection *section,
                                                           const char       *id);

G_END_DECLS
