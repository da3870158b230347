/* test-form.c — form definitions: the loader, the model, conditions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inline JSON is written with single quotes, which zicha_test_json()
 * turns into double quotes, so the definitions stay readable. None of
 * them needs a real single quote.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "zicha-form.h"
#include "zicha-test.h"

/* The 2019 form ----------------------------------------------------------- */

static void
test_2019_header (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  GDate deadline;

  ZICHA_ASSERT_STR_EQ (zicha_form_get_id (form), "edu-cybersec-selfcheck-2019");
  CU_ASSERT_EQUAL (zicha_form_get_version (form), 1);
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get_zh (zicha_form_get_title (form)),
                       "2019年教育系统网络安全检查自查表");
  CU_ASSERT_EQUAL (zicha_form_get_campaign_year (form), 2019);
  ZICHA_ASSERT_STR_EQ (zicha_form_get_deadline (form), "2019-07-10");
  zicha_form_get_deadline_date (form, &deadline);
  CU_ASSERT_TRUE (g_date_valid (&deadline));
  CU_ASSERT_EQUAL (g_date_get_month (&deadline), G_DATE_JULY);
  CU_ASSERT_EQUAL (g_date_get_day (&deadline), 10);
  CU_ASSERT_PTR_NOT_NULL (strstr (zicha_localized_text_get_zh (zicha_form_get_addressee (form)),
                                  "公安机关"));
  CU_ASSERT_PTR_NOT_NULL (strstr (zicha_localized_text_get_zh (zicha_form_get_notice (form)),
                                  "网络安全执法检查"));
  CU_ASSERT_PTR_NULL (zicha_form_get_platform_url (form));
  CU_ASSERT_PTR_EQUAL (zicha_form_get_report_date_item (form),
                       zicha_form_lookup_item (form, "header.fill_date", NULL));
}

static void
test_2019_sections (void)
{
  static const struct
  {
    const char        *id;
    guint              n_items;
    guint              n_tables;
    ZichaFormDocument  document;
  } expected[] = {
    { "header", 4, 0, ZICHA_FORM_DOCUMENT_TABLE },
    { "basic", 34, 0, ZICHA_FORM_DOCUMENT_TABLE },
    { "work", 10, 0, ZICHA_FORM_DOCUMENT_TABLE },
    { "responsibility", 13, 0, ZICHA_FORM_DOCUMENT_TABLE },
    { "management", 16, 0, ZICHA_FORM_DOCUMENT_TABLE },
    { "cii", 21, 0, ZICHA_FORM_DOCUMENT_TABLE },
    { "data_protection", 17, 0, ZICHA_FORM_DOCUMENT_TABLE },
    { "led", 12, 0, ZICHA_FORM_DOCUMENT_TABLE },
    { "system_list", 1, 1, ZICHA_FORM_DOCUMENT_TABLE },
    { "website_list", 1, 1, ZICHA_FORM_DOCUMENT_TABLE },
    { "cii_list", 1, 1, ZICHA_FORM_DOCUMENT_TABLE },
    { "app_list", 1, 1, ZICHA_FORM_DOCUMENT_TABLE },
    { "data_list", 1, 1, ZICHA_FORM_DOCUMENT_TABLE },
    { "led_list", 1, 1, ZICHA_FORM_DOCUMENT_TABLE },
    { "report_process", 6, 0, ZICHA_FORM_DOCUMENT_REPORT },
    { "report_problems", 1, 0, ZICHA_FORM_DOCUMENT_REPORT },
    { "report_rectification", 2, 1, ZICHA_FORM_DOCUMENT_REPORT },
    { "report_suggestions", 1, 0, ZICHA_FORM_DOCUMENT_REPORT },
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();

  CU_ASSERT_EQUAL_FATAL (zicha_form_get_n_sections (form), G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, i);

      ZICHA_ASSERT_STR_EQ (zicha_form_section_get_id (section), expected[i].id);
      CU_ASSERT_EQUAL (zicha_form_section_get_index (section), i);
      CU_ASSERT_EQUAL (zicha_form_section_get_n_items (section), expected[i].n_items);
      CU_ASSERT_EQUAL (zicha_form_section_get_n_tables (section), expected[i].n_tables);
      CU_ASSERT_EQUAL (zicha_form_section_get_document (section), expected[i].document);
      CU_ASSERT_PTR_EQUAL (zicha_form_lookup_section (form, expected[i].id), section);
    }

  CU_ASSERT_EQUAL (zicha_form_get_n_all_items (form), 244);
  CU_ASSERT_EQUAL (zicha_form_get_n_rules (form), 27);
}

static void
test_2019_basic (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  ZichaFormSection *basic = zicha_form_lookup_section (form, "basic");
  ZichaFormItem *uscc = zicha_form_lookup_item (form, "basic.uscc", NULL);
  ZichaFormItem *total = zicha_form_lookup_item (form, "basic.systems_total", NULL);
  ZichaFormItem *mobile = zicha_form_lookup_item (form, "basic.head_mobile", NULL);
  const ZichaFormGroup *group;
  const ZichaCodeKind *kinds;
  guint n_kinds = 0;
  double minimum = -1;

  CU_ASSERT_PTR_NOT_NULL_FATAL (basic);
  CU_ASSERT_EQUAL (zicha_form_section_get_n_groups (basic), 7);
  group = zicha_form_section_lookup_group (basic, "assessed");
  CU_ASSERT_PTR_NOT_NULL_FATAL (group);
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get_zh (group->label), "8. 单位信息系统等级测评总数");

  CU_ASSERT_PTR_NOT_NULL_FATAL (uscc);
  CU_ASSERT_EQUAL (zicha_form_item_get_item_type (uscc), ZICHA_FORM_ITEM_CODE);
  kinds = zicha_form_item_get_code_kinds (uscc, &n_kinds);
  CU_ASSERT_EQUAL (n_kinds, 1);
  CU_ASSERT_EQUAL (kinds[0], ZICHA_CODE_USCC);
  CU_ASSERT_TRUE (zicha_form_item_is_required (uscc));
  CU_ASSERT_PTR_NULL (zicha_form_item_get_required_condition (uscc));
  CU_ASSERT_PTR_EQUAL (zicha_form_item_get_section (uscc), basic);

  CU_ASSERT_PTR_NOT_NULL_FATAL (mobile);
  kinds = zicha_form_item_get_code_kinds (mobile, &n_kinds);
  CU_ASSERT_EQUAL (kinds[0], ZICHA_CODE_MOBILE);
  ZICHA_ASSERT_STR_EQ (zicha_form_item_get_group (mobile), "head");

  CU_ASSERT_PTR_NOT_NULL_FATAL (total);
  CU_ASSERT_EQUAL (zicha_form_item_get_item_type (total), ZICHA_FORM_ITEM_INTEGER);
  CU_ASSERT_TRUE (zicha_form_item_get_minimum (total, &minimum));
  CU_ASSERT_DOUBLE_EQUAL (minimum, 0, 0);
  CU_ASSERT_FALSE (zicha_form_item_get_maximum (total, NULL));
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get_zh (zicha_form_item_get_unit (total)), "个");

  /* The header's phone takes a landline or a mobile number. */
  kinds = zicha_form_item_get_code_kinds (zicha_form_lookup_item (form, "header.phone", NULL), &n_kinds);
  CU_ASSERT_EQUAL (n_kinds, 2);
  CU_ASSERT_EQUAL (kinds[0], ZICHA_CODE_PHONE);
  CU_ASSERT_EQUAL (kinds[1], ZICHA_CODE_MOBILE);
}

static void
test_2019_narratives (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  ZichaFormSection *work = zicha_form_lookup_section (form, "work");
  ZichaFormItem *first;

  for (guint i = 0; i < zicha_form_section_get_n_items (work); i++)
    {
      ZichaFormItem *item = zicha_form_section_get_item (work, i);
      const ZichaLocalizedText *guidance = zicha_form_item_get_guidance (item);

      CU_ASSERT_EQUAL (zicha_form_item_get_item_type (item), ZICHA_FORM_ITEM_LONG_TEXT);
      CU_ASSERT_PTR_NOT_NULL_FATAL (guidance);
      CU_ASSERT_TRUE (g_str_has_prefix (zicha_localized_text_get_zh (guidance), "重点包括："));
      /* Every narrative says where its wording comes from. */
      CU_ASSERT_PTR_NOT_NULL (strstr (zicha_localized_text_get_zh (guidance), "【说明】"));
      CU_ASSERT_PTR_NOT_NULL (strstr (zicha_localized_text_get_en (guidance), "Note:"));
    }

  first = zicha_form_section_get_item (work, 0);
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get_zh (zicha_form_item_get_label (first)),
                       "单位网络安全等级保护工作的组织领导情况");
  ZICHA_ASSERT_STR_EQ (zicha_form_item_get_number (first), "1");
}

static void
test_2019_order151 (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  ZichaFormSection *cii = zicha_form_lookup_section (form, "cii");
  guint n_points = 0;

  for (guint i = 0; i < zicha_form_section_get_n_items (cii); i++)
    {
      ZichaFormItem *item = zicha_form_section_get_item (cii, i);

      if (g_strcmp0 (zicha_form_item_get_group (item), "order151") == 0)
        {
          CU_ASSERT_EQUAL (zicha_form_item_get_item_type (item), ZICHA_FORM_ITEM_YES_NO);
          CU_ASSERT_TRUE (g_str_has_prefix (zicha_localized_text_get_zh (zicha_form_item_get_label (item)), "是否"));
          n_points++;
        }
    }

  CU_ASSERT_EQUAL (n_points, 7);
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get_zh (zicha_form_item_get_label (
                         zicha_form_lookup_item (form, "cii.order151_dengbao", NULL))),
                       "是否履行法律、行政法规规定的网络安全等级保护等义务");
}

static void
test_2019_tables (void)
{
  static const struct
  {
    const char *path;
    guint       n_columns;
    guint       min_rows;
    const char *row_title;
    guint       n_rules;
  } expected[] = {
    { "system_list.systems", 24, 1, "name", 10 },
    { "website_list.websites", 28, 0, "name", 2 },
    { "cii_list.cii", 19, 1, "name", 0 },
    { "app_list.apps", 10, 0, "name", 1 },
    { "data_list.data_systems", 8, 1, "name", 2 },
    { "led_list.led_screens", 7, 1, "location", 1 },
    { "report_rectification.measures", 5, 0, "problem", 1 },
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ZichaFormItem *table = zicha_form_lookup_item (form, expected[i].path, NULL);

      CU_ASSERT_PTR_NOT_NULL_FATAL (table);
      CU_ASSERT_EQUAL (zicha_form_item_get_item_type (table), ZICHA_FORM_ITEM_TABLE);
      CU_ASSERT_EQUAL (zicha_form_item_get_n_columns (table), expected[i].n_columns);
      CU_ASSERT_EQUAL (zicha_form_item_get_min_rows (table), expected[i].min_rows);
      CU_ASSERT_EQUAL (zicha_form_item_get_max_rows (table), G_MAXUINT);
      ZICHA_ASSERT_STR_EQ (zicha_form_item_get_id (zicha_form_item_get_row_title (table)), expected[i].row_title);
      CU_ASSERT_EQUAL (zicha_form_item_get_n_rules (table), expected[i].n_rules);
      for (guint j = 0; j < zicha_form_item_get_n_columns (table); j++)
        {
          ZichaFormItem *column = zicha_form_item_get_column (table, j);
          g_autofree char *path = g_strdup_printf ("%s[].%s", expected[i].path, zicha_form_item_get_id (column));

          CU_ASSERT_PTR_EQUAL (zicha_form_item_get_table (column), table);
          ZICHA_ASSERT_STR_EQ (zicha_form_item_get_path (column), path);
          CU_ASSERT_PTR_EQUAL (zicha_form_lookup_item (form, path, NULL), column);
        }
    }
}

static void
test_2019_english (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();

  /* Every label, title and option has its own English text. */
  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      ZichaFormSection *section = zicha_form_get_section (form, i);
      const ZichaLocalizedText *title = zicha_form_section_get_title (section);

      CU_ASSERT_STRING_NOT_EQUAL (zicha_localized_text_get_en (title), zicha_localized_text_get_zh (title));
    }

  for (guint i = 0; i < zicha_form_get_n_all_items (form); i++)
    {
      ZichaFormItem *item = zicha_form_get_all_item (form, i);
      const ZichaLocalizedText *label = zicha_form_item_get_label (item);

      if (g_str_equal (zicha_localized_text_get_en (label), zicha_localized_text_get_zh (label)))
        g_printerr ("no English label: %s\n", zicha_form_item_get_path (item));
      CU_ASSERT_STRING_NOT_EQUAL (zicha_localized_text_get_en (label), zicha_localized_text_get_zh (label));

      for (guint j = 0; j < zicha_form_item_get_n_options (item); j++)
        {
          const ZichaFormOption *option = zicha_form_item_get_option (item, j);

          /* "Android" and "iOS" are the same in both. */
          if (!g_str_equal (option->value, "android") && !g_str_equal (option->value, "ios"))
            CU_ASSERT_STRING_NOT_EQUAL (zicha_localized_text_get_en (option->label),
                                        zicha_localized_text_get_zh (option->label));
        }
    }
}

static void
test_2019_rules_exist (void)
{
  static const char *rule_ids[] = {
    "systems_levels_within_total",
    "assessed_levels_within_total",
    "assessed_level3_within_systems",
    "rectified_level4_within_systems",
    "selfchecked_level2_within_systems",
    "not_selfchecked_within_systems",
    "system_level3_assessed_within_12_months",
    "system_level4_assessed_within_6_months",
    "system_logs_kept_six_months",
    "system_filing_number_only_from_level2",
    "system_filed_after_grading",
    "measure_overdue",
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  ZichaFormItem *filing = zicha_form_lookup_item (form, "system_list.systems[].filing_number", NULL);
  ZichaFormRule *rule;

  for (guint i = 0; i < G_N_ELEMENTS (rule_ids); i++)
    {
      rule = zicha_form_lookup_rule (form, rule_ids[i]);
      CU_ASSERT_PTR_NOT_NULL (rule);
      if (rule != NULL)
        {
          CU_ASSERT_TRUE (zicha_form_rule_get_n_fields (rule) >= 1);
          CU_ASSERT_PTR_NOT_NULL (zicha_form_rule_get_message (rule));
        }
    }

  rule = zicha_form_lookup_rule (form, "system_level3_assessed_within_12_months");
  CU_ASSERT_EQUAL (zicha_form_rule_get_scope (rule), ZICHA_FORM_RULE_ROW);
  CU_ASSERT_EQUAL (zicha_form_rule_get_severity (rule), ZICHA_SEVERITY_WARNING);
  CU_ASSERT_PTR_EQUAL (zicha_form_rule_get_owner (rule),
                       zicha_form_lookup_item (form, "system_list.systems", NULL));
  CU_ASSERT_PTR_NOT_NULL (zicha_form_rule_get_when (rule));

  rule = zicha_form_lookup_rule (form, "systems_levels_within_total");
  CU_ASSERT_EQUAL (zicha_form_rule_get_scope (rule), ZICHA_FORM_RULE_FORM);
  CU_ASSERT_EQUAL (zicha_form_rule_get_severity (rule), ZICHA_SEVERITY_ERROR);
  CU_ASSERT_PTR_NULL (zicha_form_rule_get_owner (rule));
  CU_ASSERT_EQUAL (zicha_form_rule_get_n_fields (rule), 5);

  /* 备案证明编号 is required from level 2 up. */
  CU_ASSERT_TRUE (zicha_form_item_is_required (filing));
  CU_ASSERT_PTR_NOT_NULL (zicha_form_item_get_required_condition (filing));
}

/* Lookup and paths -------------------------------------------------------- */

static void
test_lookup (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  ZichaFormItem *level = zicha_form_lookup_item (form, "system_list.systems[].level", NULL);
  g_autofree char *row = NULL;
  g_autofree char *cell = NULL;
  char *no_row = (char *) "unchanged";
  const char *uuid = "0f0c6a54-3c1e-4b7e-9f0e-8c9d9f8d7a61";
  g_autofree char *cell_path = g_strdup_printf ("system_list.systems[%s].level", uuid);

  CU_ASSERT_PTR_NOT_NULL_FATAL (level);
  CU_ASSERT_PTR_EQUAL (zicha_form_lookup_item (form, cell_path, &row), level);
  ZICHA_ASSERT_STR_EQ (row, uuid);
  cell = zicha_form_item_dup_cell_path (level, uuid);
  ZICHA_ASSERT_STR_EQ (cell, cell_path);

  CU_ASSERT_PTR_EQUAL (zicha_form_lookup_item (form, "system_list.systems[].level", &no_row), level);
  CU_ASSERT_PTR_NULL (no_row);

  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "basic", NULL));
  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "basic.", NULL));
  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "basic.nope", NULL));
  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "nope.unit_name", NULL));
  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "system_list.systems[.level", NULL));
  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "system_list.systems[]level", NULL));
  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "system_list.systems[zz].level", NULL));
  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "basic.unit_name[].x", NULL));
  CU_ASSERT_PTR_NULL (zicha_form_lookup_item (form, "Basic.unit_name", NULL));
  CU_ASSERT_PTR_NOT_NULL (zicha_form_lookup_item (form, "basic.unit_name", NULL));

  /* Not a column: its own path. */
  g_clear_pointer (&cell, g_free);
  cell = zicha_form_item_dup_cell_path (zicha_form_lookup_item (form, "basic.unit_name", NULL), uuid);
  ZICHA_ASSERT_STR_EQ (cell, "basic.unit_name");
}

static void
test_default_path (void)
{
  g_autofree char *tmpdir = zicha_test_make_tmpdir ();
  g_autofree char *forms = g_build_filename (tmpdir, "forms", NULL);
  g_autofree char *file = g_build_filename (forms, ZICHA_FORM_DEFAULT_FILE_NAME, NULL);
  g_autofree char *source = g_build_filename (SOURCE_DATADIR, "forms", ZICHA_FORM_DEFAULT_FILE_NAME, NULL);
  g_autofree char *installed = g_build_filename (PKGDATADIR, "forms", ZICHA_FORM_DEFAULT_FILE_NAME, NULL);
  g_autofree char *found = NULL;
  g_autofree char *old = g_strdup (g_getenv ("ZICHA_DATADIR"));

  g_mkdir_with_parents (forms, 0700);
  g_file_set_contents (file, "{}", -1, NULL);

  g_setenv ("ZICHA_DATADIR", tmpdir, TRUE);
  found = zicha_form_default_path ();
  ZICHA_ASSERT_STR_EQ (found, file);

  /* An empty or useless $ZICHA_DATADIR falls through to the installed,
   * then the source copy. */
  g_setenv ("ZICHA_DATADIR", "/nonexistent", TRUE);
  g_free (found);
  found = zicha_form_default_path ();
  ZICHA_ASSERT_STR_EQ (found, g_file_test (installed, G_FILE_TEST_IS_REGULAR) ? installed : source);

  if (old != NULL)
    g_setenv ("ZICHA_DATADIR", old, TRUE);
  else
    g_unsetenv ("ZICHA_DATADIR");
  zicha_test_rmdir (tmpdir);
}

static void
test_load_bytes_and_string (void)
{
  g_autofree char *path = zicha_test_source_path (ZICHA_TEST_FORM_2019);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ZichaForm) from_bytes = NULL;
  g_autoptr(ZichaForm) from_string = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new (contents, length);

  from_bytes = zicha_form_new_from_bytes (bytes, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL (from_bytes);

  from_string = zicha_form_new_from_string (contents, (gssize) length, &error);
  CU_ASSERT_PTR_NULL (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (from_string);
  CU_ASSERT_EQUAL (zicha_form_get_n_sections (from_string), 18);
}

/* The example in docs/form-format.md must stay a valid definition. */
static void
test_documented_example (void)
{
  g_autofree char *path = zicha_test_source_path ("docs/form-format.md");
  g_autofree char *contents = NULL;
  g_autofree char *example = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(GError) error = NULL;
  const char *marker = "## A complete example";
  const char *start;
  const char *end;

  CU_ASSERT_TRUE_FATAL (g_file_get_contents (path, &contents, NULL, NULL));
  start = strstr (contents, marker);
  CU_ASSERT_PTR_NOT_NULL_FATAL (start);
  start = strstr (start, "```json\n");
  CU_ASSERT_PTR_NOT_NULL_FATAL (start);
  start += strlen ("```json\n");
  end = strstr (start, "```");
  CU_ASSERT_PTR_NOT_NULL_FATAL (end);
  example = g_strndup (start, (gsize) (end - start));

  form = zicha_form_new_from_string (example, -1, &error);
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (form);
  CU_ASSERT_EQUAL (zicha_form_get_n_sections (form), 2);
  ZICHA_ASSERT_STR_EQ (zicha_form_get_platform_url (form), "https://platform.example.org/");
  CU_ASSERT_PTR_NOT_NULL (zicha_form_lookup_rule (form, "l3_assessed_within_12_months"));
  CU_ASSERT_PTR_NOT_NULL (zicha_form_lookup_rule (form, "rows_match_total"));
}

/* Loader errors ----------------------------------------------------------- */

/* A valid start; each case appends its sections (and maybe rules). */
#define HEAD "{'format_version': 1, 'id': 't', 'version': 1, 'title': 'T', " \
             "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A'}, "
#define ONE_SECTION(items) HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [" items "]}]}"
#define TEXT(id) "{'id': '" id "', 'type': 'text', 'label': 'L'}"
#define INT(id) "{'id': '" id "', 'type': 'integer', 'label': 'L'}"
#define TABLE(id, columns) "{'id': '" id "', 'type': 'table', 'label': 'L', 'columns': [" columns "]}"

typedef struct
{
  const char     *name;
  const char     *definition;  /* single-quoted JSON */
  ZichaFormError  code;
  const char     *message;     /* a substring of the message */
} BadDefinition;

static const BadDefinition bad_definitions[] = {
  /* SYNTAX */
  { "syntax: position", "{\n  'format_version': 1,\n  'id': \n}", ZICHA_FORM_ERROR_SYNTAX, "4:1: " },
  { "syntax: trailing", "{} x", ZICHA_FORM_ERROR_SYNTAX, "1:4: " },
  { "syntax: empty", "", ZICHA_FORM_ERROR_SYNTAX, "the document is empty" },
  { "syntax: not UTF-8", "{'id': '\xff'}", ZICHA_FORM_ERROR_SYNTAX, "UTF-8" },

  /* UNSUPPORTED_VERSION */
  { "version: 2", "{'format_version': 2}", ZICHA_FORM_ERROR_UNSUPPORTED_VERSION,
    "format_version: format_version 2 is not supported (this program reads 1)" },
  { "version: 0", "{'format_version': 0, 'id': 't'}", ZICHA_FORM_ERROR_UNSUPPORTED_VERSION, "format_version 0" },

  /* INVALID: shape */
  { "not an object", "[]", ZICHA_FORM_ERROR_INVALID, "must be a JSON object" },
  { "no format_version", "{'id': 't'}", ZICHA_FORM_ERROR_INVALID, "format_version: missing member \"format_version\"" },
  { "format_version a string", "{'format_version': '1'}", ZICHA_FORM_ERROR_INVALID, "format_version: \"format_version\" must be an integer" },
  { "unknown top member", "{'format_version': 1, 'sectoins': []}", ZICHA_FORM_ERROR_INVALID,
    "sectoins: unknown member \"sectoins\" in a form definition" },
  { "version a string", "{'format_version': 1, 'id': 't', 'version': '1'}", ZICHA_FORM_ERROR_INVALID,
    "version: \"version\" must be an integer" },
  { "bad form id", "{'format_version': 1, 'id': 'T x'}", ZICHA_FORM_ERROR_INVALID, "id: form id \"T x\"" },
  { "no campaign", "{'format_version': 1, 'id': 't', 'version': 1, 'title': 'T'}", ZICHA_FORM_ERROR_INVALID,
    "campaign: missing member \"campaign\"" },
  { "bad deadline",
    "{'format_version': 1, 'id': 't', 'version': 1, 'title': 'T', "
    "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-02-30', 'addressee': 'A'}}",
    ZICHA_FORM_ERROR_INVALID, "campaign.deadline: \"2019-02-30\" is not a date" },
  { "bad platform url",
    "{'format_version': 1, 'id': 't', 'version': 1, 'title': 'T', "
    "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A', 'platform_url': 'ftp://x'}}",
    ZICHA_FORM_ERROR_INVALID, "campaign.platform_url: \"ftp://x\" is not an http:// or https:// URL" },
  { "text without zh",
    "{'format_version': 1, 'id': 't', 'version': 1, 'title': {'en': 'T'}}",
    ZICHA_FORM_ERROR_INVALID, "title.zh: missing member \"zh\"" },
  { "no sections", HEAD "'sections': []}", ZICHA_FORM_ERROR_INVALID, "sections: \"sections\" must not be empty" },
  { "missing type", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'label': 'L'}"), ZICHA_FORM_ERROR_INVALID,
    "sections[0].items[1].type: missing member \"type\"" },
  { "type not a string", ONE_SECTION ("{'id': 'a', 'type': 3, 'label': 'L'}"), ZICHA_FORM_ERROR_INVALID,
    "sections[0].items[0].type: \"type\" must be a non-empty string" },
  { "missing label", ONE_SECTION ("{'id': 'a', 'type': 'text'}"), ZICHA_FORM_ERROR_INVALID,
    "sections[0].items[0].label: missing member \"label\"" },
  { "bad id", ONE_SECTION ("{'id': 'Unit-Name', 'type': 'text', 'label': 'L'}"), ZICHA_FORM_ERROR_INVALID,
    "sections[0].items[0].id: \"Unit-Name\" is not an identifier" },
  { "misspelt member", ONE_SECTION ("{'id': 'a', 'type': 'text', 'label': 'L', 'requried': true}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].requried: unknown member \"requried\" in a text item" },
  { "member of another type", ONE_SECTION ("{'id': 'a', 'type': 'text', 'label': 'L', 'kind': 'ip'}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].kind: member \"kind\" does not apply to a text item" },
  { "required not boolean", ONE_SECTION ("{'id': 'a', 'type': 'text', 'label': 'L', 'required': 'yes'}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].required: \"required\" must be true, false or a condition" },
  { "min above max", ONE_SECTION ("{'id': 'a', 'type': 'integer', 'label': 'L', 'min': 5, 'max': 1}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].max: \"max\" is less than \"min\"" },
  { "integer bound not integer", ONE_SECTION ("{'id': 'a', 'type': 'integer', 'label': 'L', 'min': 0.5}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].min: \"min\" must be an integer" },
  { "too many decimals", ONE_SECTION ("{'id': 'a', 'type': 'decimal', 'label': 'L', 'decimals': 9}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].decimals: \"decimals\" must be between 0 and 6, not 9" },
  { "choice without options", ONE_SECTION ("{'id': 'a', 'type': 'choice', 'label': 'L'}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].options: missing member \"options\"" },
  { "nested table", ONE_SECTION (TABLE ("t", TABLE ("u", TEXT ("x")))), ZICHA_FORM_ERROR_INVALID,
    "sections[0].items[0].columns[0].type: a table column cannot be a table" },
  { "column with group", ONE_SECTION (TABLE ("t", "{'id': 'x', 'type': 'text', 'label': 'L', 'group': 'g'}")),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].columns[0].group: a table column cannot have a \"group\"" },
  { "unknown group", ONE_SECTION ("{'id': 'a', 'type': 'text', 'label': 'L', 'group': 'g'}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].group: section \"s\" has no group \"g\"" },
  { "bad document", HEAD "'sections': [{'id': 's', 'title': 'S', 'document': 'pdf', 'items': [" TEXT ("a") "]}]}",
    ZICHA_FORM_ERROR_INVALID, "sections[0].document: \"document\" must be \"table\" or \"report\", not \"pdf\"" },
  { "max_rows below min_rows",
    ONE_SECTION ("{'id': 't', 'type': 'table', 'label': 'L', 'min_rows': 3, 'max_rows': 2, 'columns': [" TEXT ("x") "]}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].max_rows: \"max_rows\" is less than \"min_rows\"" },
  { "bad severity",
    ONE_SECTION (INT ("a") ", {'id': 'b', 'type': 'integer', 'label': 'L', 'constraint': "
                 "{'condition': {'field': '.', 'op': 'ge', 'value': 0}, 'message': 'M', 'severity': 'fatal'}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].constraint.severity: \"severity\" must be \"error\" or \"warning\", not \"fatal\"" },
  { "constraint with id",
    ONE_SECTION ("{'id': 'a', 'type': 'integer', 'label': 'L', 'constraint': [{'id': 'c', "
                 "'condition': {'field': '.', 'op': 'ge', 'value': 0}, 'message': 'M'}]}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].constraint[0].id: member \"id\" does not apply to a constraint" },
  { "rule without fields",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [" INT ("a") "]}], "
    "'rules': [{'id': 'r', 'condition': {'field': 's.a', 'op': 'ge', 'value': 0}, 'message': 'M'}]}",
    ZICHA_FORM_ERROR_INVALID, "rules[0].fields: missing member \"fields\"" },

  /* INVALID: conditions */
  { "condition not an object", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', 'relevant': 'yes'}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].relevant: a condition must be an object" },
  { "condition shape", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', 'relevant': {'op': 'filled'}}"),
    ZICHA_FORM_ERROR_INVALID, "a condition needs one of \"all\", \"any\", \"not\", \"field\" or \"sum\"" },
  { "empty all", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', 'relevant': {'all': []}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].relevant: \"all\" must be a non-empty array of conditions" },
  { "unknown operator", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                     "'relevant': {'any': [{'field': 's.a', 'op': 'equals', 'value': 'x'}]}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].relevant.any[0].op: unknown operator \"equals\"" },
  { "lt on text", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                               "'relevant': {'field': 's.a', 'op': 'lt', 'value': 'x'}}"),
    ZICHA_FORM_ERROR_INVALID, "operator \"lt\" needs a number or a date, but field \"s.a\" (text) is not one" },
  { "not an option", ONE_SECTION ("{'id': 'a', 'type': 'choice', 'label': 'L', 'options': [{'value': 'x', 'label': 'X'}]}, "
                                  "{'id': 'b', 'type': 'text', 'label': 'L', 'relevant': {'field': 's.a', 'op': 'eq', 'value': 'y'}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].relevant.value: \"y\" is not an option of field \"s.a\"" },
  { "na not offered", ONE_SECTION ("{'id': 'a', 'type': 'yes_no', 'label': 'L'}, "
                                   "{'id': 'b', 'type': 'text', 'label': 'L', 'relevant': {'field': 's.a', 'op': 'eq', 'value': 'na'}}"),
    ZICHA_FORM_ERROR_INVALID, "\"na\" is not an answer of yes/no field \"s.a\" (expected \"yes\" or \"no\")" },
  { "number literal for integer", ONE_SECTION (INT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                               "'relevant': {'field': 's.a', 'op': 'gt', 'value': '3'}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].relevant.value: field \"s.a\" (integer) is compared, so the value must be an integer" },
  { "bad date literal", ONE_SECTION ("{'id': 'a', 'type': 'date', 'label': 'L'}, {'id': 'b', 'type': 'text', 'label': 'L', "
                                     "'relevant': {'field': 's.a', 'op': 'gt', 'value': '2019/7/1'}}"),
    ZICHA_FORM_ERROR_INVALID, "the value must be a date \"YYYY-MM-DD\"" },
  { "in without array", ONE_SECTION (INT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                     "'relevant': {'field': 's.a', 'op': 'in', 'value': 3}}"),
    ZICHA_FORM_ERROR_INVALID, "operator \"in\" needs a non-empty array as \"value\"" },
  { "has on text", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                "'relevant': {'field': 's.a', 'op': 'has', 'value': 'x'}}"),
    ZICHA_FORM_ERROR_INVALID, "operator \"has\" needs a multi_choice field" },
  { "eq on multi_choice", ONE_SECTION ("{'id': 'a', 'type': 'multi_choice', 'label': 'L', 'options': [{'value': 'x', 'label': 'X'}]}, "
                                       "{'id': 'b', 'type': 'text', 'label': 'L', 'relevant': {'field': 's.a', 'op': 'eq', 'value': 'x'}}"),
    ZICHA_FORM_ERROR_INVALID, "use \"has\"" },
  { "filled with value", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                      "'relevant': {'field': 's.a', 'op': 'filled', 'value': 'x'}}"),
    ZICHA_FORM_ERROR_INVALID, "operator \"filled\" takes no \"value\" or \"other\"" },
  { "both value and other", ONE_SECTION (INT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                         "'relevant': {'field': 's.a', 'op': 'eq', 'value': 1, 'other': 's.a'}}"),
    ZICHA_FORM_ERROR_INVALID, "a comparison has either \"value\" or \"other\", not both" },
  { "other of another kind", ONE_SECTION (INT ("a") ", " TEXT ("c") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                          "'relevant': {'field': 's.a', 'op': 'eq', 'other': 's.c'}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[2].relevant.other: field \"s.a\" (integer) cannot be compared with field \"s.c\", which is a text" },
  { "sum of text", ONE_SECTION (INT ("a") ", " TEXT ("c") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                "'relevant': {'sum': ['s.a', 's.c'], 'op': 'gt', 'value': 1}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[2].relevant.sum[1]: field \"s.c\" is text, but only integer and decimal fields can be summed" },
  { "bad regex", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                              "'relevant': {'field': 's.a', 'op': 'matches', 'value': '(['}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].relevant.value: bad regular expression" },
  { "within_months on text", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                          "'relevant': {'field': 's.a', 'op': 'within_months', 'value': 6}}"),
    ZICHA_FORM_ERROR_INVALID, "operator \"within_months\" needs a date field" },
  { "within_months zero", ONE_SECTION ("{'id': 'a', 'type': 'date', 'label': 'L'}, {'id': 'b', 'type': 'text', 'label': 'L', "
                                       "'relevant': {'field': 's.a', 'op': 'within_months', 'value': 0}}"),
    ZICHA_FORM_ERROR_INVALID, "needs a whole number of months" },
  { "dot outside a constraint", ONE_SECTION ("{'id': 'a', 'type': 'text', 'label': 'L', 'relevant': {'field': '.', 'op': 'filled'}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].relevant.field: \".\" (the item itself) can only be used in a constraint" },
  { "malformed path", ONE_SECTION ("{'id': 'a', 'type': 'text', 'label': 'L', 'relevant': {'field': 'a', 'op': 'filled'}}"),
    ZICHA_FORM_ERROR_INVALID, "malformed field path \"a\"" },
  { "row in a definition",
    ONE_SECTION (TABLE ("t", INT ("x")) ", {'id': 'b', 'type': 'text', 'label': 'L', "
                 "'relevant': {'field': 's.t[0f0c6a54-3c1e-4b7e-9f0e-8c9d9f8d7a61].x', 'op': 'filled'}}"),
    ZICHA_FORM_ERROR_INVALID, "names a row; a definition uses \"s.t[].x\" for the current row" },
  { "column outside its table",
    ONE_SECTION (TABLE ("t", INT ("x")) ", {'id': 'b', 'type': 'text', 'label': 'L', "
                 "'relevant': {'field': 's.t[].x', 'op': 'filled'}}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].relevant.field: \"s.t[].x\" is a column of table \"s.t\"" },
  { "column of another table",
    ONE_SECTION (TABLE ("t", INT ("x")) ", " TABLE ("u", "{'id': 'y', 'type': 'text', 'label': 'L', "
                 "'relevant': {'field': 's.t[].x', 'op': 'filled'}}")),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[1].columns[0].relevant.field: \"s.t[].x\" is a column of table \"s.t\"" },
  { "report date not a date",
    "{'format_version': 1, 'id': 't', 'version': 1, 'title': 'T', "
    "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A', 'report_date_field': 's.a'}, "
    "'sections': [{'id': 's', 'title': 'S', 'items': [" TEXT ("a") "]}]}",
    ZICHA_FORM_ERROR_INVALID, "campaign.report_date_field: \"s.a\" is a text item, not a date" },

  /* UNKNOWN_TYPE */
  { "unknown type", ONE_SECTION ("{'id': 'a', 'type': 'txt', 'label': 'L'}"), ZICHA_FORM_ERROR_UNKNOWN_TYPE,
    "sections[0].items[0].type: unknown item type \"txt\"" },
  { "unknown column type", ONE_SECTION (TABLE ("t", "{'id': 'x', 'type': 'number', 'label': 'L'}")),
    ZICHA_FORM_ERROR_UNKNOWN_TYPE, "sections[0].items[0].columns[0].type: unknown item type \"number\"" },

  /* UNKNOWN_CODE_KIND */
  { "unknown code kind", ONE_SECTION ("{'id': 'a', 'type': 'code', 'label': 'L', 'kind': 'isbn'}"),
    ZICHA_FORM_ERROR_UNKNOWN_CODE_KIND, "sections[0].items[0].kind: unknown code kind \"isbn\"" },
  { "upper-case code kind", ONE_SECTION ("{'id': 'a', 'type': 'code', 'label': 'L', 'kind': 'USCC'}"),
    ZICHA_FORM_ERROR_UNKNOWN_CODE_KIND, "unknown code kind \"USCC\"" },
  { "unknown code kind in a list", ONE_SECTION ("{'id': 'a', 'type': 'code', 'label': 'L', 'kind': ['phone', 'fax']}"),
    ZICHA_FORM_ERROR_UNKNOWN_CODE_KIND, "sections[0].items[0].kind[1]: unknown code kind \"fax\"" },
  { "code without kind", ONE_SECTION ("{'id': 'a', 'type': 'code', 'label': 'L'}"),
    ZICHA_FORM_ERROR_INVALID, "sections[0].items[0].kind: missing member \"kind\"" },

  /* DUPLICATE_ID */
  { "duplicate section",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [" TEXT ("a") "]}, {'id': 's', 'title': 'S', 'items': [" TEXT ("a") "]}]}",
    ZICHA_FORM_ERROR_DUPLICATE_ID, "sections[1].id: duplicate section id \"s\" (first at sections[0])" },
  { "duplicate item", ONE_SECTION (TEXT ("a") ", " TEXT ("b") ", " INT ("a")), ZICHA_FORM_ERROR_DUPLICATE_ID,
    "sections[0].items[2].id: duplicate item id \"a\" in section \"s\" (first at sections[0].items[0])" },
  { "duplicate column", ONE_SECTION (TABLE ("t", TEXT ("x") ", " TEXT ("x"))), ZICHA_FORM_ERROR_DUPLICATE_ID,
    "sections[0].items[0].columns[1].id: duplicate column id \"x\" in table \"s.t\"" },
  { "duplicate option",
    ONE_SECTION ("{'id': 'a', 'type': 'choice', 'label': 'L', 'options': [{'value': 'x', 'label': 'X'}, {'value': 'x', 'label': 'Y'}]}"),
    ZICHA_FORM_ERROR_DUPLICATE_ID, "sections[0].items[0].options[1].value: duplicate option value \"x\"" },
  { "duplicate group",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'groups': [{'id': 'g', 'label': 'G'}, {'id': 'g', 'label': 'H'}], "
    "'items': [" TEXT ("a") "]}]}",
    ZICHA_FORM_ERROR_DUPLICATE_ID, "sections[0].groups[1].id: duplicate group id \"g\" in section \"s\"" },
  { "duplicate rule",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [" INT ("a") "]}], 'rules': ["
    "{'id': 'r', 'condition': {'field': 's.a', 'op': 'ge', 'value': 0}, 'message': 'M', 'fields': ['s.a']}, "
    "{'id': 'r', 'condition': {'field': 's.a', 'op': 'le', 'value': 9}, 'message': 'M', 'fields': ['s.a']}]}",
    ZICHA_FORM_ERROR_DUPLICATE_ID, "rules[1].id: duplicate rule id \"r\"" },
  { "duplicate rule across table and form",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [{'id': 't', 'type': 'table', 'label': 'L', 'columns': [" INT ("x") "], "
    "'rules': [{'id': 'r', 'condition': {'field': 's.t[].x', 'op': 'ge', 'value': 0}, 'message': 'M', 'fields': ['s.t[].x']}]}]}], "
    "'rules': [{'id': 'r', 'condition': {'field': 's.t', 'op': 'ge', 'value': 0}, 'message': 'M', 'fields': ['s.t']}]}",
    ZICHA_FORM_ERROR_DUPLICATE_ID, "rules[0].id: duplicate rule id \"r\"" },

  /* UNKNOWN_FIELD */
  { "unknown item", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                 "'relevant': {'field': 's.nope', 'op': 'filled'}}"),
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "sections[0].items[1].relevant.field: no field \"s.nope\": section \"s\" has no item \"nope\"" },
  { "unknown section", ONE_SECTION ("{'id': 'b', 'type': 'text', 'label': 'L', 'required': {'field': 'x.a', 'op': 'filled'}}"),
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "sections[0].items[0].required.field: no field \"x.a\": there is no section \"x\"" },
  { "unknown column",
    ONE_SECTION ("{'id': 't', 'type': 'table', 'label': 'L', 'columns': [" INT ("x") "], 'rules': [{'id': 'r', "
                 "'condition': {'field': 's.t[].y', 'op': 'ge', 'value': 0}, 'message': 'M', 'fields': ['s.t[].x']}]}"),
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "sections[0].items[0].rules[0].condition.field: no field \"s.t[].y\": table \"s.t\" has no column \"y\"" },
  { "column of a non-table", ONE_SECTION (TEXT ("a") ", {'id': 'b', 'type': 'text', 'label': 'L', "
                                          "'relevant': {'field': 's.a[].x', 'op': 'filled'}}"),
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "no field \"s.a[].x\": \"s.a\" is not a table" },
  { "unknown other", ONE_SECTION (INT ("a") ", {'id': 'b', 'type': 'integer', 'label': 'L', 'constraint': "
                                  "{'condition': {'field': '.', 'op': 'le', 'other': 's.total'}, 'message': 'M'}}"),
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "sections[0].items[1].constraint.condition.other: no field \"s.total\"" },
  { "unknown addend",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [" INT ("a") "]}], 'rules': [{'id': 'r', "
    "'condition': {'sum': ['s.a', 's.b'], 'op': 'le', 'value': 9}, 'message': 'M', 'fields': ['s.a']}]}",
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "rules[0].condition.sum[1]: no field \"s.b\"" },
  { "unknown rule field",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [" INT ("a") "]}], 'rules': [{'id': 'r', "
    "'condition': {'field': 's.a', 'op': 'le', 'value': 9}, 'message': 'M', 'fields': ['s.a', 's.z']}]}",
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "rules[0].fields[1]: no field \"s.z\"" },
  { "unknown when field",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [" INT ("a") "]}], 'rules': [{'id': 'r', 'when': {'field': 's.q', 'op': 'filled'}, "
    "'condition': {'field': 's.a', 'op': 'le', 'value': 9}, 'message': 'M', 'fields': ['s.a']}]}",
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "rules[0].when.field: no field \"s.q\"" },
  { "unknown report date field",
    "{'format_version': 1, 'id': 't', 'version': 1, 'title': 'T', "
    "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A', 'report_date_field': 's.date'}, "
    "'sections': [{'id': 's', 'title': 'S', 'items': [" TEXT ("a") "]}]}",
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "campaign.report_date_field: no field \"s.date\"" },
  { "unknown row title", ONE_SECTION ("{'id': 't', 'type': 'table', 'label': 'L', 'row_title': 'name', 'columns': [" TEXT ("x") "]}"),
    ZICHA_FORM_ERROR_UNKNOWN_FIELD, "sections[0].items[0].row_title: table \"s.t\" has no column \"name\"" },

  /* RELEVANCE_CYCLE */
  { "cycle of one",
    ONE_SECTION ("{'id': 'a', 'type': 'text', 'label': 'L', 'relevant': {'field': 's.a', 'op': 'filled'}}"),
    ZICHA_FORM_ERROR_RELEVANCE_CYCLE, "sections[0].items[0].relevant: relevance cycle: s.a → s.a" },
  { "cycle of two",
    ONE_SECTION ("{'id': 'a', 'type': 'text', 'label': 'L', 'relevant': {'field': 's.b', 'op': 'filled'}}, "
                 "{'id': 'b', 'type': 'text', 'label': 'L', 'relevant': {'not': {'field': 's.a', 'op': 'empty'}}}"),
    ZICHA_FORM_ERROR_RELEVANCE_CYCLE, "relevance cycle: s.a → s.b → s.a" },
  { "cycle of three through sections",
    HEAD "'sections': [{'id': 's', 'title': 'S', 'items': [" TEXT ("z") ", " INT ("z2") ", "
    "{'id': 'a', 'type': 'integer', 'label': 'L', 'relevant': {'any': [{'field': 's.z', 'op': 'filled'}, {'field': 'u.b', 'op': 'gt', 'value': 1}]}}]}, "
    "{'id': 'u', 'title': 'U', 'items': [{'id': 'b', 'type': 'integer', 'label': 'L', 'relevant': {'sum': ['u.c'], 'op': 'gt', 'value': 0}}, "
    "{'id': 'c', 'type': 'integer', 'label': 'L', 'relevant': {'field': 's.a', 'op': 'ge', 'other': 's.z2'}}]}]}",
    ZICHA_FORM_ERROR_RELEVANCE_CYCLE, "relevance cycle: s.a → u.b → u.c → s.a" },
  { "cycle among columns",
    ONE_SECTION (TABLE ("t", "{'id': 'x', 'type': 'text', 'label': 'L', 'relevant': {'field': 's.t[].y', 'op': 'filled'}}, "
                             "{'id': 'y', 'type': 'text', 'label': 'L', 'relevant': {'field': 's.t[].x', 'op': 'filled'}}")),
    ZICHA_FORM_ERROR_RELEVANCE_CYCLE, "relevance cycle: s.t[].x → s.t[].y → s.t[].x" },
};

static void
test_bad_definitions (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_definitions); i++)
    {
      const BadDefinition *bad = &bad_definitions[i];
      g_autofree char *text = zicha_test_json (bad->definition);
      g_autoptr(GError) error = NULL;
      g_autoptr(ZichaForm) form = zicha_form_new_from_string (text, -1, &error);
      gboolean as_expected = form == NULL &&
                             g_error_matches (error, ZICHA_FORM_ERROR, (int) bad->code) &&
                             strstr (error->message, bad->message) != NULL;

      if (!as_expected)
        g_printerr ("\n%s: expected %s “%s”, got %s “%s”\n", bad->name,
                    zicha_form_error_to_string (bad->code), bad->message,
                    error != NULL ? zicha_form_error_to_string ((ZichaFormError) error->code) : "success",
                    error != NULL ? error->message : "");
      CU_ASSERT_TRUE (as_expected);
    }
}

static void
test_bad_files (void)
{
  g_autofree char *tmpdir = zicha_test_make_tmpdir ();
  g_autofree char *broken = g_build_filename (tmpdir, "broken.json", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "missing.json", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:3:1: ", broken);
  g_autofree char *invalid_expected = g_strdup_printf ("%s: format_version: missing member", broken);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaForm) form = NULL;

  form = zicha_form_new_from_file (missing, &error);
  CU_ASSERT_PTR_NULL (form);
  CU_ASSERT_TRUE (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  g_clear_error (&error);

  /* A syntax error in a file starts with the file's path. */
  g_file_set_contents (broken, "{\n  \"id\": [1,\n}\n", -1, NULL);
  form = zicha_form_new_from_file (broken, &error);
  CU_ASSERT_PTR_NULL (form);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_SYNTAX));
  CU_ASSERT_TRUE (error != NULL && g_str_has_prefix (error->message, expected));
  g_clear_error (&error);

  /* So does any other error. */
  g_file_set_contents (broken, "{}", -1, NULL);
  form = zicha_form_new_from_file (broken, &error);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_INVALID));
  CU_ASSERT_TRUE (error != NULL && g_str_has_prefix (error->message, invalid_expected));

  zicha_test_rmdir (tmpdir);
}

/* Conditions -------------------------------------------------------------- */

/* Every type, for the conditions below. */
static const char condition_form[] =
  HEAD "'sections': [{'id': 's', 'title': 'S', 'items': ["
  "{'id': 'text', 'type': 'text', 'label': 'L'}, "
  "{'id': 'n', 'type': 'integer', 'label': 'L'}, "
  "{'id': 'm', 'type': 'integer', 'label': 'L'}, "
  "{'id': 'total', 'type': 'integer', 'label': 'L'}, "
  "{'id': 'dec', 'type': 'decimal', 'label': 'L'}, "
  "{'id': 'day', 'type': 'date', 'label': 'L'}, "
  "{'id': 'other_day', 'type': 'date', 'label': 'L'}, "
  "{'id': 'pick', 'type': 'choice', 'label': 'L', 'options': [{'value': 'a', 'label': 'A'}, {'value': 'b', 'label': 'B'}, {'value': 'c', 'label': 'C'}]}, "
  "{'id': 'picks', 'type': 'multi_choice', 'label': 'L', 'options': [{'value': 'a', 'label': 'A'}, {'value': 'b', 'label': 'B'}]}, "
  "{'id': 'yn', 'type': 'yes_no', 'label': 'L', 'not_applicable': true}, "
  "{'id': 'code', 'type': 'code', 'label': 'L', 'kind': 'icp'}, "
  "{'id': 'rows', 'type': 'table', 'label': 'L', 'columns': ["
  "  {'id': 'level', 'type': 'integer', 'label': 'L'}, {'id': 'name', 'type': 'text', 'label': 'L'}]}"
  "]}]}";

#define ROW_A "aaaaaaaa-0000-4000-8000-000000000001"
#define ROW_B "bbbbbbbb-0000-4000-8000-000000000002"

typedef struct
{
  const char *condition;  /* single-quoted JSON */
  const char *answers;    /* single-quoted JSON: path → value, cells as "s.rows[ROW].level" */
  ZichaTruth  expected;
} ConditionCase;

#define T ZICHA_TRUTH_TRUE
#define F ZICHA_TRUTH_FALSE
#define U ZICHA_TRUTH_UNKNOWN

static const ConditionCase condition_cases[] = {
  /* eq */
  { "{'field': 's.n', 'op': 'eq', 'value': 5}", "{'s.n': 5}", T },
  { "{'field': 's.n', 'op': 'eq', 'value': 5}", "{'s.n': 4}", F },
  { "{'field': 's.n', 'op': 'eq', 'value': 5}", "{}", U },
  { "{'field': 's.n', 'op': 'eq', 'value': 5}", "{'s.n': null}", U },
  { "{'field': 's.n', 'op': 'eq', 'value': 5}", "{'s.n': '5'}", U },   /* wrong type: unknown */
  { "{'field': 's.dec', 'op': 'eq', 'value': 2.5}", "{'s.dec': 2.5}", T },
  { "{'field': 's.dec', 'op': 'eq', 'value': 2}", "{'s.dec': 2}", T },
  { "{'field': 's.text', 'op': 'eq', 'value': '网站'}", "{'s.text': '网站'}", T },
  { "{'field': 's.text', 'op': 'eq', 'value': 'x'}", "{'s.text': 'y'}", F },
  { "{'field': 's.text', 'op': 'eq', 'value': 'x'}", "{'s.text': '  '}", U },
  { "{'field': 's.pick', 'op': 'eq', 'value': 'a'}", "{'s.pick': 'a'}", T },
  { "{'field': 's.yn', 'op': 'eq', 'value': 'na'}", "{'s.yn': 'na'}", T },
  { "{'field': 's.yn', 'op': 'eq', 'value': 'yes'}", "{'s.yn': 'no'}", F },
  { "{'field': 's.day', 'op': 'eq', 'value': '2019-07-10'}", "{'s.day': '2019-07-10'}", T },
  { "{'field': 's.day', 'op': 'eq', 'value': '2019-07-10'}", "{'s.day': '2019-7-10'}", U },
  { "{'field': 's.code', 'op': 'eq', 'value': '京ICP备12034000号-2'}", "{'s.code': '京ICP备12034000号-2'}", T },
  { "{'field': 's.n', 'op': 'eq', 'other': 's.dec'}", "{'s.n': 3, 's.dec': 3.0}", T },
  { "{'field': 's.n', 'op': 'eq', 'other': 's.m'}", "{'s.n': 3}", U },
  { "{'field': 's.rows', 'op': 'eq', 'other': 's.total'}", "{'s.rows': [{}, {}], 's.total': 2}", T },
  /* ne */
  { "{'field': 's.n', 'op': 'ne', 'value': 5}", "{'s.n': 4}", T },
  { "{'field': 's.n', 'op': 'ne', 'value': 5}", "{'s.n': 5}", F },
  { "{'field': 's.n', 'op': 'ne', 'value': 5}", "{}", U },
  { "{'field': 's.pick', 'op': 'ne', 'value': 'a'}", "{'s.pick': 'b'}", T },
  { "{'field': 's.text', 'op': 'ne', 'other': 's.code'}", "{'s.text': 'x', 's.code': 'x'}", F },
  /* lt le gt ge, numbers */
  { "{'field': 's.n', 'op': 'lt', 'value': 5}", "{'s.n': 4}", T },
  { "{'field': 's.n', 'op': 'lt', 'value': 5}", "{'s.n': 5}", F },
  { "{'field': 's.n', 'op': 'le', 'value': 5}", "{'s.n': 5}", T },
  { "{'field': 's.n', 'op': 'le', 'value': 5}", "{'s.n': 6}", F },
  { "{'field': 's.n', 'op': 'gt', 'value': 0}", "{'s.n': 1}", T },
  { "{'field': 's.n', 'op': 'gt', 'value': 0}", "{'s.n': 0}", F },
  { "{'field': 's.n', 'op': 'ge', 'value': 0}", "{'s.n': 0}", T },
  { "{'field': 's.n', 'op': 'ge', 'value': 0}", "{'s.n': -1}", F },
  { "{'field': 's.n', 'op': 'ge', 'value': 0}", "{}", U },
  { "{'field': 's.dec', 'op': 'lt', 'value': 0.5}", "{'s.dec': 0.25}", T },
  { "{'field': 's.n', 'op': 'le', 'other': 's.total'}", "{'s.n': 3, 's.total': 3}", T },
  { "{'field': 's.n', 'op': 'le', 'other': 's.total'}", "{'s.n': 4, 's.total': 3}", F },
  { "{'field': 's.n', 'op': 'le', 'other': 's.total'}", "{'s.n': 4}", U },
  /* lt le gt ge, dates */
  { "{'field': 's.day', 'op': 'lt', 'value': '2019-07-10'}", "{'s.day': '2019-07-09'}", T },
  { "{'field': 's.day', 'op': 'lt', 'value': '2019-07-10'}", "{'s.day': '2019-07-10'}", F },
  { "{'field': 's.day', 'op': 'le', 'other': 's.other_day'}", "{'s.day': '2018-12-31', 's.other_day': '2019-01-01'}", T },
  { "{'field': 's.day', 'op': 'gt', 'other': 's.other_day'}", "{'s.day': '2018-12-31', 's.other_day': '2019-01-01'}", F },
  { "{'field': 's.day', 'op': 'ge', 'value': '2019-01-01'}", "{'s.day': 'soon'}", U },
  /* table row counts */
  { "{'field': 's.rows', 'op': 'gt', 'value': 1}", "{'s.rows': [{}, {}]}", T },
  { "{'field': 's.rows', 'op': 'eq', 'value': 0}", "{}", T },
  { "{'field': 's.rows', 'op': 'ge', 'value': 1}", "{'s.rows': []}", F },
  /* sums: empty addends count as 0 */
  { "{'sum': ['s.n', 's.m'], 'op': 'le', 'other': 's.total'}", "{'s.n': 2, 's.m': 3, 's.total': 5}", T },
  { "{'sum': ['s.n', 's.m'], 'op': 'le', 'other': 's.total'}", "{'s.n': 2, 's.m': 4, 's.total': 5}", F },
  { "{'sum': ['s.n', 's.m'], 'op': 'le', 'other': 's.total'}", "{'s.n': 6, 's.total': 5}", F },
  { "{'sum': ['s.n', 's.m'], 'op': 'le', 'other': 's.total'}", "{}", U },
  { "{'sum': ['s.n', 's.m'], 'op': 'eq', 'value': 0}", "{}", T },
  { "{'sum': ['s.n', 's.dec'], 'op': 'gt', 'value': 2}", "{'s.n': 1, 's.dec': 1.5}", T },
  { "{'sum': ['s.n', 's.m'], 'op': 'eq', 'value': 1}", "{'s.n': 1, 's.m': 'x'}", U },
  /* in */
  { "{'field': 's.n', 'op': 'in', 'value': [1, 2, 3]}", "{'s.n': 2}", T },
  { "{'field': 's.n', 'op': 'in', 'value': [1, 2, 3]}", "{'s.n': 4}", F },
  { "{'field': 's.n', 'op': 'in', 'value': [1, 2, 3]}", "{}", U },
  { "{'field': 's.pick', 'op': 'in', 'value': ['a', 'b']}", "{'s.pick': 'b'}", T },
  { "{'field': 's.pick', 'op': 'in', 'value': ['a', 'b']}", "{'s.pick': 'c'}", F },
  { "{'field': 's.day', 'op': 'in', 'value': ['2019-07-10']}", "{'s.day': '2019-07-10'}", T },
  /* has */
  { "{'field': 's.picks', 'op': 'has', 'value': 'a'}", "{'s.picks': ['b', 'a']}", T },
  { "{'field': 's.picks', 'op': 'has', 'value': 'a'}", "{'s.picks': ['b']}", F },
  { "{'field': 's.picks', 'op': 'has', 'value': 'a'}", "{'s.picks': []}", U },
  { "{'field': 's.picks', 'op': 'has', 'value': 'a'}", "{}", U },
  /* empty / filled: never unknown */
  { "{'field': 's.text', 'op': 'empty'}", "{}", T },
  { "{'field': 's.text', 'op': 'empty'}", "{'s.text': null}", T },
  { "{'field': 's.text', 'op': 'empty'}", "{'s.text': ' \\t\\n'}", T },
  { "{'field': 's.text', 'op': 'empty'}", "{'s.text': '　'}", T },   /* ideographic space */
  { "{'field': 's.text', 'op': 'empty'}", "{'s.text': 'x'}", F },
  { "{'field': 's.n', 'op': 'empty'}", "{'s.n': 0}", F },
  { "{'field': 's.picks', 'op': 'empty'}", "{'s.picks': []}", T },
  { "{'field': 's.rows', 'op': 'empty'}", "{'s.rows': []}", T },
  { "{'field': 's.text', 'op': 'filled'}", "{'s.text': 'x'}", T },
  { "{'field': 's.text', 'op': 'filled'}", "{}", F },
  { "{'field': 's.rows', 'op': 'filled'}", "{'s.rows': [{}]}", T },
  /* matches */
  { "{'field': 's.text', 'op': 'matches', 'value': '^[0-9]{6}$'}", "{'s.text': '100871'}", T },
  { "{'field': 's.text', 'op': 'matches', 'value': '^[0-9]{6}$'}", "{'s.text': '10087'}", F },
  { "{'field': 's.code', 'op': 'matches', 'value': 'ICP证'}", "{'s.code': '京ICP证040867号'}", T },
  { "{'field': 's.text', 'op': 'matches', 'value': 'x'}", "{}", U },
  /* within_months (the report date is 2019-07-10, see below) */
  { "{'field': 's.day', 'op': 'within_months', 'value': 12}", "{'s.day': '2018-07-10'}", T },
  { "{'field': 's.day', 'op': 'within_months', 'value': 12}", "{'s.day': '2018-07-09'}", F },
  { "{'field': 's.day', 'op': 'within_months', 'value': 12}", "{'s.day': '2019-07-10'}", T },
  { "{'field': 's.day', 'op': 'within_months', 'value': 12}", "{'s.day': '2019-07-11'}", F },
  { "{'field': 's.day', 'op': 'within_months', 'value': 6}", "{'s.day': '2019-01-10'}", T },
  { "{'field': 's.day', 'op': 'within_months', 'value': 6}", "{'s.day': '2019-01-09'}", F },
  { "{'field': 's.day', 'op': 'within_months', 'value': 6}", "{}", U },
  /* columns: the current row is ROW_A */
  { "{'field': 's.rows[].level', 'op': 'ge', 'value': 2}", "{'s.rows[" ROW_A "].level': 3, 's.rows[" ROW_B "].level': 1}", T },
  { "{'field': 's.rows[].level', 'op': 'ge', 'value': 2}", "{'s.rows[" ROW_B "].level': 3}", U },
  { "{'field': 's.rows[].name', 'op': 'filled'}", "{'s.rows[" ROW_A "].name': 'OA'}", T },
  { "{'field': 's.rows[].level', 'op': 'le', 'other': 's.total'}", "{'s.rows[" ROW_A "].level': 3, 's.total': 2}", F },
  /* all / any / not: Kleene logic */
  { "{'all': [{'field': 's.n', 'op': 'eq', 'value': 1}, {'field': 's.m', 'op': 'eq', 'value': 2}]}", "{'s.n': 1, 's.m': 2}", T },
  { "{'all': [{'field': 's.n', 'op': 'eq', 'value': 1}, {'field': 's.m', 'op': 'eq', 'value': 2}]}", "{'s.n': 1, 's.m': 3}", F },
  { "{'all': [{'field': 's.n', 'op': 'eq', 'value': 1}, {'field': 's.m', 'op': 'eq', 'value': 2}]}", "{'s.n': 1}", U },
  { "{'all': [{'field': 's.n', 'op': 'eq', 'value': 1}, {'field': 's.m', 'op': 'eq', 'value': 2}]}", "{'s.n': 0}", F },
  { "{'any': [{'field': 's.n', 'op': 'eq', 'value': 1}, {'field': 's.m', 'op': 'eq', 'value': 2}]}", "{'s.n': 1}", T },
  { "{'any': [{'field': 's.n', 'op': 'eq', 'value': 1}, {'field': 's.m', 'op': 'eq', 'value': 2}]}", "{'s.n': 0}", U },
  { "{'any': [{'field': 's.n', 'op': 'eq', 'value': 1}, {'field': 's.m', 'op': 'eq', 'value': 2}]}", "{'s.n': 0, 's.m': 0}", F },
  { "{'not': {'field': 's.n', 'op': 'eq', 'value': 1}}", "{'s.n': 1}", F },
  { "{'not': {'field': 's.n', 'op': 'eq', 'value': 1}}", "{'s.n': 2}", T },
  { "{'not': {'field': 's.n', 'op': 'eq', 'value': 1}}", "{}", U },
  { "{'not': {'field': 's.n', 'op': 'empty'}}", "{}", F },
  { "{'any': [{'all': [{'field': 's.yn', 'op': 'eq', 'value': 'yes'}, {'not': {'field': 's.picks', 'op': 'has', 'value': 'b'}}]}, "
    "{'field': 's.rows', 'op': 'gt', 'value': 2}]}", "{'s.yn': 'yes', 's.picks': ['a']}", T },
};

#undef T
#undef F
#undef U

typedef struct
{
  ZichaForm  *form;
  JsonObject *answers;
  JsonNode   *table_rows;
} Answers;

static JsonNode *
lookup_answer (ZichaFormItem *item,
               const char    *row_id,
               gpointer       user_data)
{
  Answers *answers = user_data;
  g_autofree char *path = zicha_form_item_dup_cell_path (item, row_id);

  return json_object_get_member (answers->answers, path);
}

static ZichaFormItem *
resolve_in_form (const char  *path,
                 const char  *json_path,
                 gpointer     user_data,
                 GError     **error)
{
  ZichaFormItem *item = zicha_form_lookup_item (user_data, path, NULL);

  if (item == NULL)
    g_set_error (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_UNKNOWN_FIELD, "%s: no field \"%s\"", json_path, path);
  return item;
}

static ZichaTruth
evaluate (ZichaForm   *form,
          const char  *condition_text,
          const char  *answers_text,
          const char  *row_id,
          const GDate *report_date)
{
  g_autofree char *condition_json = zicha_test_json (condition_text);
  g_autofree char *answers_json = zicha_test_json (answers_text);
  g_autoptr(JsonNode) condition_node = json_from_string (condition_json, NULL);
  g_autoptr(JsonNode) answers_node = json_from_string (answers_json, NULL);
  g_autoptr(ZichaCondition) condition = NULL;
  g_autoptr(GError) error = NULL;
  Answers answers = { form, NULL, NULL };
  ZichaConditionContext context = { lookup_answer, &answers, row_id, report_date };

  CU_ASSERT_PTR_NOT_NULL_FATAL (condition_node);
  CU_ASSERT_PTR_NOT_NULL_FATAL (answers_node);
  answers.answers = json_node_get_object (answers_node);

  condition = zicha_condition_new_from_json (condition_node, "condition", resolve_in_form, form, &error);
  if (error != NULL)
    g_printerr ("\n%s: %s\n", condition_text, error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (condition);

  return zicha_condition_evaluate (condition, &context);
}

static void
test_conditions (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (condition_form);
  GDate report_date;
  gboolean seen[ZICHA_CONDITION_OP_WITHIN_MONTHS + 1] = { FALSE, };

  g_date_clear (&report_date, 1);
  g_date_set_dmy (&report_date, 10, G_DATE_JULY, 2019);

  for (guint i = 0; i < G_N_ELEMENTS (condition_cases); i++)
    {
      const ConditionCase *c = &condition_cases[i];
      ZichaTruth truth = evaluate (form, c->condition, c->answers, ROW_A, &report_date);
      g_autofree char *text = zicha_test_json (c->condition);
      g_autoptr(JsonNode) node = json_from_string (text, NULL);
      JsonObject *object = json_node_get_object (node);
      ZichaConditionOp op;

      if (truth != c->expected)
        g_printerr ("\n%s with %s: expected %s, got %s\n", c->condition, c->answers,
                    zicha_truth_to_string (c->expected), zicha_truth_to_string (truth));
      CU_ASSERT_EQUAL (truth, c->expected);

      if (json_object_has_member (object, "op") &&
          zicha_condition_op_from_string (json_object_get_string_member (object, "op"), &op))
        seen[op] = TRUE;
    }

  /* Every operator has cases. */
  for (guint op = 0; op < G_N_ELEMENTS (seen); op++)
    {
      if (!seen[op])
        g_printerr ("\nno case for operator %s\n", zicha_condition_op_to_string (op));
      CU_ASSERT_TRUE (seen[op]);
    }
}

static void
test_within_months_needs_report_date (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (condition_form);

  CU_ASSERT_EQUAL (evaluate (form, "{'field': 's.day', 'op': 'within_months', 'value': 12}",
                             "{'s.day': '2019-01-01'}", NULL, NULL),
                   ZICHA_TRUTH_UNKNOWN);
}

static void
test_month_ends (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (condition_form);
  GDate report_date;

  /* Six months before 31 August is 28 February (GDate clamps the day). */
  g_date_clear (&report_date, 1);
  g_date_set_dmy (&report_date, 31, G_DATE_AUGUST, 2019);
  CU_ASSERT_EQUAL (evaluate (form, "{'field': 's.day', 'op': 'within_months', 'value': 6}",
                             "{'s.day': '2019-02-28'}", NULL, &report_date), ZICHA_TRUTH_TRUE);
  CU_ASSERT_EQUAL (evaluate (form, "{'field': 's.day', 'op': 'within_months', 'value': 6}",
                             "{'s.day': '2019-02-27'}", NULL, &report_date), ZICHA_TRUTH_FALSE);
}

static void
test_condition_introspection (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (condition_form);
  g_autofree char *text = zicha_test_json ("{'any': [{'sum': ['s.n', 's.m'], 'op': 'le', 'other': 's.total'}, "
                                "{'not': {'field': 's.pick', 'op': 'eq', 'value': 'a'}}]}");
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(ZichaCondition) condition = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  ZichaCondition *sum;
  ZichaCondition *leaf;

  condition = zicha_condition_new_from_json (node, "c", resolve_in_form, form, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (condition);
  CU_ASSERT_EQUAL (zicha_condition_get_kind (condition), ZICHA_CONDITION_ANY);
  CU_ASSERT_EQUAL (zicha_condition_get_n_children (condition), 2);

  sum = zicha_condition_get_child (condition, 0);
  CU_ASSERT_EQUAL (zicha_condition_get_kind (sum), ZICHA_CONDITION_COMPARE);
  CU_ASSERT_EQUAL (zicha_condition_get_op (sum), ZICHA_CONDITION_OP_LE);
  CU_ASSERT_PTR_NULL (zicha_condition_get_field (sum));
  CU_ASSERT_EQUAL (zicha_condition_get_n_addends (sum), 2);
  ZICHA_ASSERT_STR_EQ (zicha_form_item_get_path (zicha_condition_get_addend (sum, 1)), "s.m");
  ZICHA_ASSERT_STR_EQ (zicha_form_item_get_path (zicha_condition_get_other (sum)), "s.total");

  leaf = zicha_condition_get_child (zicha_condition_get_child (condition, 1), 0);
  ZICHA_ASSERT_STR_EQ (zicha_form_item_get_path (zicha_condition_get_field (leaf)), "s.pick");
  ZICHA_ASSERT_STR_EQ (json_node_get_string (zicha_condition_get_value (leaf)), "a");

  zicha_condition_collect_items (condition, items);
  CU_ASSERT_EQUAL (items->len, 4);
}

/* The 2019 form's own checks ---------------------------------------------- */

typedef struct
{
  const char *rule;      /* a rule id; or NULL with @item: the item's required condition */
  const char *item;
  const char *answers;   /* single-quoted JSON; the current row is ROW_A */
  ZichaTruth  when;      /* the rule's "when", or TRUE when it has none */
  ZichaTruth  expected;  /* the condition */
} RuleCase;

#define T ZICHA_TRUTH_TRUE
#define F ZICHA_TRUTH_FALSE
#define U ZICHA_TRUTH_UNKNOWN
#define SYS(column) "'system_list.systems[" ROW_A "]." column "'"

static const RuleCase rule_cases[] = {
  /* levels ≤ totals */
  { "systems_levels_within_total", NULL,
    "{'basic.systems_total': 10, 'basic.systems_level4': 1, 'basic.systems_level3': 2, 'basic.systems_level2': 3, 'basic.systems_unrated': 4}", T, T },
  { "systems_levels_within_total", NULL,
    "{'basic.systems_total': 9, 'basic.systems_level4': 1, 'basic.systems_level3': 2, 'basic.systems_level2': 3, 'basic.systems_unrated': 4}", T, F },
  { "systems_levels_within_total", NULL, "{'basic.systems_total': 5, 'basic.systems_level2': 3}", T, T },
  { "assessed_levels_within_total", NULL,
    "{'basic.assessed_total': 2, 'basic.assessed_level4': 1, 'basic.assessed_level3': 1, 'basic.assessed_level2': 1}", T, F },
  { "assessed_total_within_systems", NULL, "{'basic.assessed_total': 11, 'basic.systems_total': 10}", T, F },
  /* assessed / rectified / self-checked ≤ systems of that level */
  { "assessed_level3_within_systems", NULL, "{'basic.assessed_level3': 2, 'basic.systems_level3': 2}", T, T },
  { "assessed_level3_within_systems", NULL, "{'basic.assessed_level3': 3, 'basic.systems_level3': 2}", T, F },
  { "rectified_level4_within_systems", NULL, "{'basic.rectified_level4': 1, 'basic.systems_level4': 0}", T, F },
  { "selfchecked_level2_within_systems", NULL, "{'basic.selfchecked_level2': 0, 'basic.systems_level2': 0}", T, T },
  { "not_assessed_within_systems", NULL, "{'basic.not_assessed': 4, 'basic.systems_total': 3}", T, F },
  { "assessed_plus_not_assessed_within_systems", NULL,
    "{'basic.assessed_total': 2, 'basic.not_assessed': 2, 'basic.systems_total': 3}", T, F },
  { "level3_plus_matches_basic", NULL,
    "{'basic.systems_level4': 1, 'basic.systems_level3': 2, 'cii.level3_plus': 3}", T, T },
  /* 备案证明编号 required iff level ≥ 2 */
  { NULL, "system_list.systems[].filing_number", "{" SYS ("level") ": 'l2'}", T, T },
  { NULL, "system_list.systems[].filing_number", "{" SYS ("level") ": 'l4'}", T, T },
  { NULL, "system_list.systems[].filing_number", "{" SYS ("level") ": 'l1'}", T, F },
  { NULL, "system_list.systems[].filing_number", "{" SYS ("level") ": 'unrated'}", T, F },
  { "system_filing_number_only_from_level2", NULL,
    "{" SYS ("level") ": 'l1', " SYS ("filing_number") ": '11010513001-00001'}", T, F },
  { "system_filing_number_only_from_level2", NULL, "{" SYS ("level") ": 'unrated'}", T, T },
  { "system_filing_number_only_from_level2", NULL, "{" SYS ("level") ": 'l3', " SYS ("filing_number") ": '11010513001-00001'}", F, F },
  /* 三级: assessed within 12 months of 填表日期; 四级: within 6 */
  { "system_level3_assessed_within_12_months", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("level") ": 'l3', " SYS ("last_assessment") ": '2018-08-01'}", T, T },
  { "system_level3_assessed_within_12_months", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("level") ": 'l3', " SYS ("last_assessment") ": '2018-06-30'}", T, F },
  { "system_level3_assessed_within_12_months", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("level") ": 'l3'}", T, F },
  { "system_level3_assessed_within_12_months", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("level") ": 'l2', " SYS ("last_assessment") ": '2015-01-01'}", F, F },
  { "system_level4_assessed_within_6_months", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("level") ": 'l4', " SYS ("last_assessment") ": '2019-01-01'}", T, T },
  { "system_level4_assessed_within_6_months", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("level") ": 'l4', " SYS ("last_assessment") ": '2018-12-31'}", T, F },
  { "system_assessment_not_after_fill_date", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("last_assessment") ": '2019-07-02'}", T, F },
  /* 定级 → 投入运行 → 自查 dates, and 备案 after 定级 */
  { "system_grading_date_not_after_fill_date", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("grading_date") ": '2019-07-02'}", T, F },
  { "system_go_live_date_not_after_fill_date", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("go_live_date") ": '2019-07-01'}", T, T },
  { "system_last_self_check_not_after_fill_date", NULL,
    "{'header.fill_date': '2019-07-01', " SYS ("last_self_check") ": '2019-08-01'}", T, F },
  { "system_filed_after_grading", NULL,
    "{" SYS ("grading_date") ": '2019-03-20', " SYS ("filing_date") ": '2019-03-19'}", T, F },
  { "system_filed_after_grading", NULL,
    "{" SYS ("grading_date") ": '2019-03-20', " SYS ("filing_date") ": '2019-03-20'}", T, T },
  { "system_filed_after_grading", NULL, "{" SYS ("filing_date") ": '2019-03-20'}", T, U },
  /* logs kept ≥ 6 months */
  { "system_logs_kept_six_months", NULL, "{" SYS ("log_retention_months") ": 6}", T, T },
  { "system_logs_kept_six_months", NULL, "{" SYS ("log_retention_months") ": 3}", T, F },
  { "system_logs_kept_six_months", NULL, "{}", T, U },
  /* rows against counts */
  { "system_rows_match_total", NULL,
    "{'basic.systems_total': 2, 'system_list.systems': [{'id': '" ROW_A "'}, {'id': '" ROW_B "'}]}", T, T },
  { "led_rows_match_count", NULL, "{'led.led_count': 3, 'led_list.led_screens': [{'id': '" ROW_A "'}]}", T, F },
  { "measure_overdue", NULL,
    "{'header.fill_date': '2019-07-01', 'report_rectification.measures[" ROW_A "].status': 'in_progress', "
    "'report_rectification.measures[" ROW_A "].deadline': '2019-06-30'}", T, F },
  { "measure_overdue", NULL,
    "{'header.fill_date': '2019-07-01', 'report_rectification.measures[" ROW_A "].status': 'done', "
    "'report_rectification.measures[" ROW_A "].deadline': '2019-06-30'}", F, F },
  { "data_volume_given", NULL, "{'data_list.data_systems[" ROW_A "].volume_gb': 1.5}", T, T },
  { "data_volume_given", NULL, "{}", T, F },
};

#undef T
#undef F
#undef U

static ZichaTruth
evaluate_condition (ZichaCondition *condition,
                    JsonObject     *answers_object,
                    ZichaForm      *form)
{
  Answers answers = { form, answers_object, NULL };
  GDate report_date;
  JsonNode *fill_date = json_object_get_member (answers_object, "header.fill_date");
  ZichaConditionContext context = { lookup_answer, &answers, ROW_A, NULL };

  g_date_clear (&report_date, 1);
  if (fill_date != NULL && zicha_condition_parse_date (json_node_get_string (fill_date), &report_date))
    context.report_date = &report_date;

  if (condition == NULL)
    return ZICHA_TRUTH_TRUE;
  return zicha_condition_evaluate (condition, &context);
}

static void
test_2019_rules (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();

  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      const RuleCase *c = &rule_cases[i];
      g_autofree char *answers_text = zicha_test_json (c->answers);
      g_autoptr(JsonNode) answers = json_from_string (answers_text, NULL);
      ZichaCondition *when = NULL;
      ZichaCondition *condition;
      ZichaTruth when_truth;
      ZichaTruth truth;

      CU_ASSERT_PTR_NOT_NULL_FATAL (answers);
      if (c->rule != NULL)
        {
          ZichaFormRule *rule = zicha_form_lookup_rule (form, c->rule);

          CU_ASSERT_PTR_NOT_NULL_FATAL (rule);
          when = zicha_form_rule_get_when (rule);
          condition = zicha_form_rule_get_condition (rule);
        }
      else
        condition = zicha_form_item_get_required_condition (zicha_form_lookup_item (form, c->item, NULL));

      when_truth = evaluate_condition (when, json_node_get_object (answers), form);
      truth = evaluate_condition (condition, json_node_get_object (answers), form);
      if (when_truth != c->when || truth != c->expected)
        g_printerr ("\n%s with %s: expected when %s / %s, got %s / %s\n",
                    c->rule != NULL ? c->rule : c->item, c->answers,
                    zicha_truth_to_string (c->when), zicha_truth_to_string (c->expected),
                    zicha_truth_to_string (when_truth), zicha_truth_to_string (truth));
      CU_ASSERT_EQUAL (when_truth, c->when);
      CU_ASSERT_EQUAL (truth, c->expected);
    }
}

static void
test_localized_text (void)
{
  g_autoptr(ZichaLocalizedText) both = zicha_localized_text_new ("单位名称", "Unit name");
  g_autoptr(ZichaLocalizedText) chinese = zicha_localized_text_new ("单位名称", NULL);

  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get (both, "zh_CN"), "单位名称");
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get (both, "en"), "Unit name");
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get (chinese, "en_GB"), "单位名称");
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get_en (chinese), "单位名称");
  /* The tests run in C.UTF-8: the untranslated program speaks English. */
  ZICHA_ASSERT_STR_EQ (zicha_localized_text_get_for_locale (both), "Unit name");
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/form/2019/header", test_2019_header },
    { "/form/2019/sections", test_2019_sections },
    { "/form/2019/basic", test_2019_basic },
    { "/form/2019/narratives", test_2019_narratives },
    { "/form/2019/order151", test_2019_order151 },
    { "/form/2019/tables", test_2019_tables },
    { "/form/2019/english", test_2019_english },
    { "/form/2019/rules-exist", test_2019_rules_exist },
    { "/form/2019/rules", test_2019_rules },
    { "/form/lookup", test_lookup },
    { "/form/default-path", test_default_path },
    { "/form/load/bytes-and-string", test_load_bytes_and_string },
    { "/form/load/documented-example", test_documented_example },
    { "/form/load/bad-definitions", test_bad_definitions },
    { "/form/load/bad-files", test_bad_files },
    { "/form/condition/operators", test_conditions },
    { "/form/condition/no-report-date", test_within_months_needs_report_date },
    { "/form/condition/month-ends", test_month_ends },
    { "/form/condition/introspection", test_condition_introspection },
    { "/form/localized-text", test_localized_text },
    { NULL, NULL }
  };

  return zicha_test_run ("form", NULL, NULL, cases);
}
