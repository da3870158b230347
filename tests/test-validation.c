/* test-validation.c — problems and progress (zicha-validation.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A complete, valid 2019 report is the fixture; each case breaks one thing
 * and expects exactly the problems that follow. Inline JSON uses single
 * quotes; zicha_test_json() makes them double quotes.
 */
#include "config.h"

#include <string.h>

#include "zicha-test.h"
#include "zicha-validation.h"


#define ROW_1 "11111111-1111-4111-8111-111111111111"
#define ROW_2 "22222222-2222-4222-8222-222222222222"
#define ROW_3 "33333333-3333-4333-8333-333333333333"
#define ROW_W "44444444-4444-4444-8444-444444444444"
#define ROW_D "55555555-5555-4555-8555-555555555555"
#define ROW_L "66666666-6666-4666-8666-666666666666"
#define ROW_M "77777777-7777-4777-8777-777777777777"

#define TEXT "'…具体情况…'"

static const char complete_2019[] =
  "{'format_version': 1, 'form': {'id': 'edu-cybersec-selfcheck-2019', 'version': 1}, 'answers': {"
  "'header': {'unit_name': '北京市第一中学', 'filled_by': '张三', 'phone': '010-12345678', 'fill_date': '2019-07-01'},"
  "'basic': {'unit_name': '北京市第一中学', 'uscc': '12110000208981186Q', 'address': '北京市海淀区某路1号',"
  "  'leader_name': '李四', 'leader_title': '副校长', 'department': '信息中心',"
  "  'head_name': '王五', 'head_title': '主任', 'head_office_phone': '010-62751234', 'head_mobile': '13812345678',"
  "  'contact_name': '赵六', 'contact_title': '工程师', 'contact_office_phone': '010-62751235', 'contact_mobile': '13912345678',"
  "  'systems_total': 3, 'systems_level4': 0, 'systems_level3': 1, 'systems_level2': 1, 'systems_unrated': 1,"
  "  'assessed_total': 2, 'assessed_level4': 0, 'assessed_level3': 1, 'assessed_level2': 1, 'not_assessed': 1,"
  "  'rectified_total': 1, 'rectified_level4': 0, 'rectified_level3': 1, 'rectified_level2': 0, 'not_rectified': 2,"
  "  'selfchecked_total': 2, 'selfchecked_level4': 0, 'selfchecked_level3': 1, 'selfchecked_level2': 1, 'not_selfchecked': 1},"
  "'work': {'organization': " TEXT ", 'support': " TEXT ", 'grading_filing': " TEXT ", 'assessment': " TEXT ","
  "  'rectification': " TEXT ", 'self_inspection': " TEXT ", 'policies': " TEXT ", 'technical_measures': " TEXT ","
  "  'incident_response': " TEXT ", 'training': " TEXT "},"
  "'responsibility': {'leading_group': 'yes', 'leading_group_head': '校长 孙七', 'first_responsible': 'yes',"
  "  'first_responsible_name': '校长 孙七', 'direct_responsible': 'yes', 'direct_responsible_name': '副校长 李四',"
  "  'department_named': 'yes', 'annual_assessment': 'yes', 'responsibility_letters': 'yes',"
  "  'responsibility_letters_count': 12, 'fulltime_staff': 2, 'budget': 15.5},"
  "'management': {'asset_ledgers': ['websites', 'systems'], 'centralized': 'yes', 'policies': ['personnel', 'incidents'],"
  "  'outsourced': 'no', 'logs_six_months': 'yes', 'emergency_plan': 'yes', 'drills': 1, 'last_drill': '2019-05-20',"
  "  'incidents': 0, 'training_sessions': 2, 'training_attendees': 80},"
  "'cii': {'cii_identified': 'no', 'level3_plus': 1, 'measure_firewall': 'yes', 'measure_ids_ips': 'yes', 'measure_waf': 'yes',"
  "  'measure_anti_tamper': 'yes', 'measure_antivirus': 'yes', 'measure_vulnerability': 'yes', 'measure_backup': 'yes',"
  "  'measure_log_audit': 'yes', 'measure_monitoring': 'yes', 'backup_location': ['local'],"
  "  'order151_filing': 'yes', 'order151_policies': 'yes', 'order151_logs': 'yes', 'order151_antivirus': 'yes',"
  "  'order151_prohibited_content': 'yes', 'order151_police_support': 'yes', 'order151_dengbao': 'yes'},"
  "'data_protection': {'pi_systems': 1, 'pi_records': 5000, 'pi_categories': ['identity', 'contact'],"
  "  'collection_consent': 'yes', 'storage': ['local'], 'encrypted_at_rest': 'yes', 'encrypted_in_transit': 'yes',"
  "  'access_control': 'yes', 'desensitization': 'yes', 'shared': 'no', 'cross_border': 'no', 'backups': 'yes',"
  "  'backup_frequency': 'daily', 'leaks': 0},"
  "'led': {'led_count': 1, 'ledger': 'yes', 'standalone_offline': 'na', 'host_antivirus': 'yes', 'host_firewall': 'yes',"
  "  'ports_closed': 'yes', 'passwords_changed': 'yes', 'vulnerabilities_fixed': 'yes', 'dedicated_host': 'yes',"
  "  'content_review': 'yes', 'tamper_plan': 'yes'},"
  "'system_list': {'systems': ["
  "  {'id': '" ROW_1 "', 'values': {'name': '教务系统', 'level': 'l3', 'filing_number': '11010513001-00001',"
  "    'filing_date': '2018-03-01', 'police_office': '海淀分局', 'last_assessment': '2018-10-15', 'assessment_body': '测评中心',"
  "    'assessment_result': 'pass', 'rectified': 'done', 'is_cii': 'no', 'business_type': 'management',"
  "    'service_target': 'both', 'network': 'internet', 'deployment': 'local', 'holds_pi': 'yes', 'pi_records': 5000,"
  "    'log_retention_months': 6, 'owner': '王五', 'owner_phone': '13912345678'}},"
  "  {'id': '" ROW_2 "', 'values': {'name': '门户网站', 'level': 'l2', 'filing_number': '11010513001-00002',"
  "    'filing_date': '2018-03-01', 'police_office': '海淀分局', 'last_assessment': '2018-11-01', 'assessment_body': '测评中心',"
  "    'assessment_result': 'basic_pass', 'rectified': 'partial', 'is_cii': 'no', 'business_type': 'public_service',"
  "    'service_target': 'public', 'network': 'internet', 'deployment': 'gov_cloud', 'cloud_provider': '教育云',"
  "    'holds_pi': 'no', 'log_retention_months': 12, 'owner': '王五', 'owner_phone': '010-62751234'}},"
  "  {'id': '" ROW_3 "', 'values': {'name': '打印系统', 'level': 'unrated', 'is_cii': 'no', 'business_type': 'office',"
  "    'service_target': 'internal', 'network': 'private', 'deployment': 'local', 'holds_pi': 'no',"
  "    'log_retention_months': 6, 'owner': '赵六', 'owner_phone': '13712345678'}}]},"
  "'website_list': {'websites': ["
  "  {'id': '" ROW_W "', 'values': {'name': '北京市第一中学门户网站', 'url': 'https://www.example.edu.cn/', 'is_portal': 'yes',"
  "    'is_key_service': 'yes', 'owner_unit': '办公室', 'owner_head': '主任 钱八', 'security_owner': '王五',"
  "    'icp': '京ICP备12034000号-2', 'gaba': '京公网安备11010802044671号', 'ip': '202.112.0.1', 'phone': '010-62751234',"
  "    'level': 'l2', 'assessed': 'yes', 'responsibility_letter': 'yes', 'security_department': 'yes',"
  "    'in_annual_assessment': 'yes', 'in_budget': 'yes', 'roles_defined': 'yes', 'admins_nda': 'yes',"
  "    'last_scan': '2019-06-01'}}]},"
  "'data_list': {'data_systems': ["
  "  {'id': '" ROW_D "', 'values': {'name': '教务系统', 'categories': ['identity', 'student_records'], 'records': 5000,"
  "    'location': 'local', 'encrypted': 'yes', 'backup': 'yes', 'shared': 'no'}}]},"
  "'led_list': {'led_screens': ["
  "  {'id': '" ROW_L "', 'values': {'location': '校门口', 'purpose': '通知公告', 'owner_unit': '办公室', 'admin': '赵六',"
  "    'admin_phone': '13712345678', 'control': 'standalone', 'networked': 'no'}}]},"
  "'report_process': {'start_date': '2019-06-10', 'end_date': '2019-06-28', 'organization': " TEXT ", 'scope': " TEXT ","
  "  'methods': ['documents', 'scanning']},"
  "'report_problems': {'main_problems': " TEXT "},"
  "'report_rectification': {'measures': [{'id': '" ROW_M "', 'values': {'problem': '弱口令', 'measure': '统一修改',"
  "  'owner': '王五', 'deadline': '2019-09-30', 'status': 'in_progress'}}]}"
  "}}";

static ZichaAnswers *
load_complete (ZichaForm *form)
{
  g_autofree char *text = zicha_test_json (complete_2019);
  g_autoptr(GError) error = NULL;
  ZichaAnswers *answers = zicha_answers_new_from_string (form, text, -1, &error);

  if (error != NULL)
    g_printerr ("%s\n", error->message);
  CU_ASSERT_PTR_NOT_NULL_FATAL (answers);
  return answers;
}

static void
set (ZichaAnswers *answers,
     const char   *path,
     const char   *single_quoted_value)   /* NULL clears */
{
  g_autofree char *text = single_quoted_value != NULL ? zicha_test_json (single_quoted_value) : NULL;
  g_autoptr(JsonNode) value = text != NULL ? json_from_string (text, NULL) : NULL;
  g_autoptr(GError) error = NULL;

  if (!zicha_answers_set_value_at (answers, path, value, &error))
    g_printerr ("\n%s: %s\n", path, error->message);
  CU_ASSERT_PTR_NULL_FATAL (error);
}

static GDate *
date (int year, int month, int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
print_problems (ZichaValidation *validation)
{
  for (guint i = 0; i < zicha_validation_get_n_problems (validation); i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);

      g_printerr ("  %s %s [%s] %s / %s\n", zicha_severity_to_string (problem->severity), problem->path,
                  problem->check, problem->message_zh, problem->message_en);
    }
}

/* Expected problems, as "severity path check" lines in order. */
static void
assert_problems (ZichaValidation    *validation,
                 const char * const *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);

  for (guint i = 0; i < zicha_validation_get_n_problems (validation); i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);

      g_string_append_printf (got, "%s %s %s\n", zicha_severity_to_string (problem->severity),
                              problem->path, problem->check);
    }
  for (guint i = 0; expected[i] != NULL; i++)
    g_string_append_printf (want, "%s\n", expected[i]);

  if (!g_str_equal (got->str, want->str))
    {
      g_printerr ("\nexpected:\n%sgot:\n", want->str);
      print_problems (validation);
    }
  ZICHA_ASSERT_STR_EQ (got->str, want->str);
}

static ZichaValidation *
validate_on (ZichaAnswers *answers,
             int           year,
             int           month,
             int           day)
{
  g_autoptr(GDate) today = date (year, month, day);

  return zicha_validate (answers, today);
}

/* The 2019 form ----------------------------------------------------------- */

static void
test_complete_report (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autoptr(ZichaValidation) validation = validate_on (answers, 2019, 7, 1);
  static const char * const none[] = { NULL };
  GDate report_date;

  assert_problems (validation, none);
  CU_ASSERT_EQUAL (zicha_validation_get_n_errors (validation), 0);
  CU_ASSERT_EQUAL (zicha_validation_get_n_warnings (validation), 0);

  for (guint i = 0; i < zicha_form_get_n_sections (form); i++)
    {
      const ZichaSectionProgress *progress = zicha_validation_get_progress (validation, i);

      CU_ASSERT_PTR_EQUAL (progress->section, zicha_form_get_section (form, i));
      CU_ASSERT_EQUAL (progress->answered_required, progress->total_required);
      CU_ASSERT_EQUAL (progress->errors, 0);
    }

  /* 填表日期 is the report date. */
  zicha_validation_get_report_date (validation, &report_date);
  CU_ASSERT_EQUAL (g_date_get_year (&report_date), 2019);
  CU_ASSERT_EQUAL (g_date_get_month (&report_date), G_DATE_JULY);
  CU_ASSERT_EQUAL (g_date_get_day (&report_date), 1);

  /* What was relevant: cii_list is hidden (no CII), the cloud provider
   * only in the row deployed on a cloud. */
  CU_ASSERT_FALSE (zicha_validation_is_relevant (validation, zicha_form_lookup_item (form, "cii_list.cii", NULL), NULL));
  CU_ASSERT_TRUE (zicha_validation_is_relevant (validation, zicha_form_lookup_item (form, "system_list.systems", NULL), NULL));
  CU_ASSERT_TRUE (zicha_validation_is_relevant (validation, zicha_form_lookup_item (form, "system_list.systems[].cloud_provider", NULL), ROW_2));
  CU_ASSERT_FALSE (zicha_validation_is_relevant (validation, zicha_form_lookup_item (form, "system_list.systems[].cloud_provider", NULL), ROW_1));
  CU_ASSERT_FALSE (zicha_validation_is_relevant (validation, zicha_form_lookup_item (form, "system_list.systems[].filing_date", NULL), ROW_3));
  CU_ASSERT_FALSE (zicha_validation_is_relevant (validation, zicha_form_lookup_item (form, "management.providers", NULL), NULL));
}

static void
test_empty_report (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = zicha_answers_new (form);
  g_autoptr(ZichaValidation) validation = validate_on (answers, 2019, 7, 1);
  const ZichaSectionProgress *header = zicha_validation_get_progress (validation, 0);
  const ZichaProblem *first = zicha_validation_get_problem (validation, 0);

  CU_ASSERT_EQUAL (header->total_required, 4);
  CU_ASSERT_EQUAL (header->answered_required, 0);
  CU_ASSERT_EQUAL (header->errors, 4);

  ZICHA_ASSERT_STR_EQ (first->path, "header.unit_name");
  ZICHA_ASSERT_STR_EQ (first->check, "required");
  CU_ASSERT_PTR_NULL (first->row_id);
  CU_ASSERT_EQUAL (first->severity, ZICHA_SEVERITY_ERROR);
  ZICHA_ASSERT_STR_EQ (first->message_zh, "此项为必填项");
  ZICHA_ASSERT_STR_EQ (first->message_en, "This field is required");

  /* Follow-ups of unanswered questions are hidden, so nothing but the
   * questions themselves is required: 填表信息 4, 基本情况 34, …; no rule
   * fires on empty counts. */
  CU_ASSERT_EQUAL (zicha_validation_get_progress (validation, 1)->total_required, 34);
  CU_ASSERT_EQUAL (zicha_validation_get_n_warnings (validation), 0);
  for (guint i = 0; i < zicha_validation_get_n_problems (validation); i++)
    ZICHA_ASSERT_STR_EQ (zicha_validation_get_problem (validation, i)->check, "required");
}

static void
test_level_counts (void)
{
  static const char * const expected[] = {
    "error basic.systems_total systems_levels_within_total",
    "error basic.assessed_total assessed_levels_within_total",
    "error basic.assessed_level3 assessed_level3_within_systems",
    "warning basic.assessed_total assessed_plus_not_assessed_within_systems",
    "error basic.rectified_level4 rectified_level4_within_systems",
    "error basic.not_selfchecked not_selfchecked_within_systems",
    "warning basic.selfchecked_total selfchecked_plus_not_selfchecked_within_systems",
    NULL
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autoptr(ZichaValidation) validation = NULL;
  const ZichaProblem *problem;

  set (answers, "basic.systems_unrated", "2");      /* 0+1+1+2 > 3 */
  set (answers, "basic.assessed_level3", "2");      /* > systems_level3 1, and 0+2+1 > 2 */
  set (answers, "basic.not_assessed", "2");         /* 2 + 2 > 3: a warning */
  set (answers, "basic.rectified_level4", "1");     /* > systems_level4 0 */
  set (answers, "basic.rectified_level3", "0");
  set (answers, "basic.not_selfchecked", "4");      /* > 3 */

  validation = validate_on (answers, 2019, 7, 1);
  assert_problems (validation, expected);

  problem = zicha_validation_get_problem (validation, 0);
  ZICHA_ASSERT_STR_EQ (problem->message_zh, "第四级、第三级、第二级与未定级系统数之和不能大于信息系统总数");
  CU_ASSERT_PTR_EQUAL (problem->rule, zicha_form_lookup_rule (form, "systems_levels_within_total"));
  CU_ASSERT_EQUAL (zicha_validation_get_progress (validation, 1)->errors, 5);
  CU_ASSERT_EQUAL (zicha_validation_get_progress (validation, 1)->warnings, 2);
}

static void
test_systems_table (void)
{
  static const char * const expected[] = {
    "error system_list.systems[" ROW_1 "].filing_number required",
    "warning system_list.systems[" ROW_1 "].last_assessment system_level3_assessed_within_12_months",
    "warning system_list.systems[" ROW_1 "].log_retention_months system_logs_kept_six_months",
    "warning system_list.systems[" ROW_2 "].last_assessment system_level4_assessed_within_6_months",
    "error system_list.systems[" ROW_2 "].last_assessment system_assessment_not_after_fill_date",
    "warning system_list.systems[" ROW_3 "].filing_number system_filing_number_only_from_level2",
    NULL
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autoptr(ZichaValidation) validation = NULL;

  /* 备案证明编号 required from level 2 up … */
  set (answers, "system_list.systems[" ROW_1 "].filing_number", NULL);
  /* … 三级 assessed more than 12 months before 填表日期 (2019-07-01) … */
  set (answers, "system_list.systems[" ROW_1 "].last_assessment", "'2018-06-30'");
  /* … logs kept 3 months … */
  set (answers, "system_list.systems[" ROW_1 "].log_retention_months", "3");
  /* … a 四级 system assessed after the form's date: not within 6 months
   * either, and an error of its own … */
  set (answers, "system_list.systems[" ROW_2 "].level", "'l4'");
  set (answers, "system_list.systems[" ROW_2 "].last_assessment", "'2019-07-02'");
  /* … and a filing number on an unrated system. */
  set (answers, "system_list.systems[" ROW_3 "].filing_number", "'11010513001-00003'");

  validation = validate_on (answers, 2019, 7, 1);
  assert_problems (validation, expected);
  ZICHA_ASSERT_STR_EQ (zicha_validation_get_problem (validation, 0)->row_id, ROW_1);
}

static void
test_assessment_windows (void)
{
  static const struct
  {
    const char *level;
    const char *assessed;
    gboolean    warned;
  } cases[] = {
    { "l3", "2018-07-01", FALSE },
    { "l3", "2018-06-30", TRUE },
    { "l4", "2019-01-01", FALSE },
    { "l4", "2018-12-31", TRUE },
    { "l5", "2018-12-31", TRUE },
    { "l2", "2010-01-01", FALSE },
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ZichaAnswers) answers = load_complete (form);
      g_autoptr(ZichaValidation) validation = NULL;
      g_autofree char *level = g_strdup_printf ("'%s'", cases[i].level);
      g_autofree char *assessed = g_strdup_printf ("'%s'", cases[i].assessed);

      set (answers, "system_list.systems[" ROW_1 "].level", level);
      set (answers, "system_list.systems[" ROW_1 "].last_assessment", assessed);

      validation = validate_on (answers, 2019, 7, 1);
      {
        gboolean warned = FALSE;

        for (guint j = 0; j < zicha_validation_get_n_problems (validation); j++)
          {
            const ZichaProblem *problem = zicha_validation_get_problem (validation, j);

            if (g_str_has_prefix (problem->check, "system_level"))
              {
                warned = TRUE;
                CU_ASSERT_EQUAL (problem->severity, ZICHA_SEVERITY_WARNING);
              }
          }
        if (warned != cases[i].warned)
          {
            g_printerr ("\n%s assessed %s:\n", cases[i].level, cases[i].assessed);
            print_problems (validation);
          }
        CU_ASSERT_EQUAL (warned, cases[i].warned);
      }
    }
}

static void
test_report_date_falls_back_to_today (void)
{
  static const char * const expected_2020[] = {
    "error header.fill_date required",
    "warning system_list.systems[" ROW_1 "].last_assessment system_level3_assessed_within_12_months",
    "warning website_list.websites[" ROW_W "].last_scan website_scan_within_12_months",
    NULL
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autoptr(ZichaValidation) in_2019 = NULL;
  g_autoptr(ZichaValidation) in_2020 = NULL;
  GDate report_date;

  set (answers, "header.fill_date", NULL);

  in_2019 = validate_on (answers, 2019, 7, 1);
  CU_ASSERT_EQUAL (zicha_validation_get_n_problems (in_2019), 1);

  in_2020 = validate_on (answers, 2020, 7, 1);
  assert_problems (in_2020, expected_2020);
  zicha_validation_get_report_date (in_2020, &report_date);
  CU_ASSERT_EQUAL (g_date_get_year (&report_date), 2020);
}

static void
test_relevance (void)
{
  static const char * const expected[] = {
    "error management.providers required",
    "warning management.provider_agreements constraint",
    NULL
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autoptr(ZichaValidation) validation = NULL;
  g_autoptr(ZichaValidation) hidden = NULL;

  /* Answering 是 brings the follow-ups in. */
  set (answers, "management.outsourced", "'yes'");
  set (answers, "management.provider_agreements", "'no'");
  validation = validate_on (answers, 2019, 7, 1);
  assert_problems (validation, expected);
  CU_ASSERT_TRUE (zicha_validation_is_relevant (validation, zicha_form_lookup_item (form, "management.providers", NULL), NULL));

  /* Back to 否: the stale answer stays but is ignored. */
  set (answers, "management.outsourced", "'no'");
  hidden = validate_on (answers, 2019, 7, 1);
  CU_ASSERT_EQUAL (zicha_validation_get_n_problems (hidden), 0);
  CU_ASSERT_FALSE (zicha_validation_is_relevant (hidden, zicha_form_lookup_item (form, "management.provider_agreements", NULL), NULL));
}

static void
test_hidden_answers_are_unanswered (void)
{
  static const char * const expected[] = {
    "error cii.cii_count required",
    "error cii_list.cii min_rows",
    NULL
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autoptr(ZichaValidation) validation = NULL;

  /* A CII count entered, then 否: the count is hidden. A rule comparing it
   * with the (hidden) CII list must not fire. */
  set (answers, "cii.cii_count", "2");
  validation = validate_on (answers, 2019, 7, 1);
  CU_ASSERT_EQUAL (zicha_validation_get_n_problems (validation), 0);
  g_clear_object (&validation);

  /* 是 without a count or rows. */
  set (answers, "cii.cii_identified", "'yes'");
  set (answers, "cii.cii_count", NULL);
  validation = validate_on (answers, 2019, 7, 1);
  assert_problems (validation, expected);
}

static void
test_rows_against_counts (void)
{
  static const char * const expected[] = {
    "warning system_list.systems system_rows_match_total",
    "warning led_list.led_screens led_rows_match_count",
    NULL
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autoptr(ZichaValidation) validation = NULL;
  ZichaFormItem *systems = zicha_form_lookup_item (form, "system_list.systems", NULL);

  CU_ASSERT_TRUE (zicha_answers_remove_row (answers, systems, ROW_3));
  set (answers, "led.led_count", "2");
  validation = validate_on (answers, 2019, 7, 1);
  assert_problems (validation, expected);
  CU_ASSERT_PTR_NULL (zicha_validation_get_problem (validation, 0)->row_id);
}

static void
test_measures (void)
{
  static const char * const expected[] = {
    "warning report_rectification.measures[" ROW_M "].deadline measure_overdue",
    NULL
  };
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autoptr(ZichaValidation) overdue = NULL;
  g_autoptr(ZichaValidation) done = NULL;

  set (answers, "report_rectification.measures[" ROW_M "].deadline", "'2019-06-30'");
  overdue = validate_on (answers, 2019, 7, 1);
  assert_problems (overdue, expected);

  set (answers, "report_rectification.measures[" ROW_M "].status", "'done'");
  done = validate_on (answers, 2019, 7, 1);
  CU_ASSERT_EQUAL (zicha_validation_get_n_problems (done), 0);
}

/* Built-in checks, on a small form ---------------------------------------- */

/* The start both versions of the form share; checks_form ends with an item
 * whose condition has an unknown operator, checks_form_fixed with the
 * working items. */
#define CHECKS_FORM_START \
  "{'format_version': 1, 'id': 'checks', 'version': 1, 'title': 'T', " \
  "'campaign': {'name': 'C', 'year': 2019, 'deadline': '2019-07-10', 'addressee': 'A'}, " \
  "'sections': [{'id': 's', 'title': 'S', 'items': [" \
  "{'id': 'name', 'type': 'text', 'label': 'L', 'required': true, 'max_length': 4}, " \
  "{'id': 'count', 'type': 'integer', 'label': 'L', 'min': 0, 'max': 10}, " \
  "{'id': 'money', 'type': 'decimal', 'label': 'L', 'min': 0, 'decimals': 2}, " \
  "{'id': 'day', 'type': 'date', 'label': 'L'}, " \
  "{'id': 'pick', 'type': 'choice', 'label': 'L', 'options': [{'value': 'a', 'label': 'A'}, {'value': 'b', 'label': 'B'}]}, " \
  "{'id': 'picks', 'type': 'multi_choice', 'label': 'L', 'options': [{'value': 'a', 'label': 'A'}, {'value': 'b', 'label': 'B'}]}, " \
  "{'id': 'yn', 'type': 'yes_no', 'label': 'L'}, " \
  "{'id': 'ynna', 'type': 'yes_no', 'label': 'L', 'not_applicable': true}, " \
  "{'id': 'uscc', 'type': 'code', 'label': 'L', 'kind': 'uscc'}, " \
  "{'id': 'phone', 'type': 'code', 'label': 'L', 'kind': ['phone', 'mobile']}, "

static const char checks_form[] =
  CHECKS_FORM_START
  "{'id': 'even', 'type': 'integer', 'label': 'L', 'constraint': ["
  "  {'condition': {'field': '.', 'op': 'matches_never', 'value': 0}, 'message': 'M'}]}"
  "]}]}";

static const char checks_form_fixed[] =
  CHECKS_FORM_START
  "{'id': 'small', 'type': 'integer', 'label': 'L', 'constraint': ["
  "  {'condition': {'field': '.', 'op': 'le', 'other': 's.count'}, 'message': {'zh': '不能大于count', 'en': 'At most count'}},"
  "  {'when': {'field': 's.yn', 'op': 'eq', 'value': 'yes'}, 'condition': {'field': '.', 'op': 'gt', 'value': 0},"
  "   'severity': 'warning', 'message': '应大于0'}]}, "
  "{'id': 'rows', 'type': 'table', 'label': 'L', 'min_rows': 1, 'max_rows': 2, 'columns': ["
  "  {'id': 'x', 'type': 'integer', 'label': 'L', 'required': true}]}, "
  "{'id': 'must', 'type': 'table', 'label': 'L', 'required': true, 'columns': [{'id': 'y', 'type': 'text', 'label': 'L'}]}"
  "]}]}";

typedef struct
{
  const char *path;
  const char *value;       /* single-quoted JSON */
  const char *expected;    /* "severity check", or NULL: no problem */
  const char *message_zh;  /* a substring, or NULL */
} CheckCase;

static const CheckCase check_cases[] = {
  { "s.name", "'abcd'", NULL, NULL },
  { "s.name", "'北京大学附中'", "error max_length", "不能超过4个字符（现为6个）" },
  { "s.name", "5", "error type", "应填写文字" },
  { "s.name", "'   '", "error required", "此项为必填项" },
  { "s.count", "10", NULL, NULL },
  { "s.count", "10.0", NULL, NULL },
  { "s.count", "11", "error max", "不能大于10" },
  { "s.count", "-1", "error min", "不能小于0" },
  { "s.count", "2.5", "error type", "应填写整数，实际为“2.5”" },
  { "s.count", "'十二'", "error type", "应填写整数，实际为“十二”" },
  { "s.money", "12.25", NULL, NULL },
  { "s.money", "0.1", NULL, NULL },
  { "s.money", "12", NULL, NULL },
  { "s.money", "12.255", "error decimals", "最多保留2位小数" },
  { "s.money", "-0.5", "error min", "不能小于0" },
  { "s.money", "'1万'", "error type", "应填写数字" },
  { "s.day", "'2019-02-28'", NULL, NULL },
  { "s.day", "'2019-02-29'", "error type", "YYYY-MM-DD" },
  { "s.day", "'2019/7/1'", "error type", "实际为“2019/7/1”" },
  { "s.pick", "'a'", NULL, NULL },
  { "s.pick", "'c'", "error option", "“c”不是本项的选项" },
  { "s.picks", "['a', 'b']", NULL, NULL },
  { "s.picks", "['a', 'a']", "error option", "选项“a”重复" },
  { "s.picks", "['z']", "error option", "“z”不是本项的选项" },
  { "s.picks", "'a'", "error type", "应为选项列表" },
  { "s.yn", "'yes'", NULL, NULL },
  { "s.yn", "'na'", "error option", "应为“是”或“否”" },
  { "s.yn", "true", "error option", NULL },
  { "s.ynna", "'na'", NULL, NULL },
  { "s.ynna", "'maybe'", "error option", "“不适用”" },
  { "s.uscc", "'12110000208981186Q'", NULL, NULL },
  { "s.uscc", "'121100004000006205'", "warning code", "校验位应为“4”" },
  { "s.uscc", "'9135020077604965'", "error code", "应为18位" },
  { "s.phone", "'010-62751234'", NULL, NULL },
  { "s.phone", "'13812345678'", NULL, NULL },
  { "s.phone", "'12345'", "error code", "；" },
  { "s.small", "3", NULL, NULL },
  { "s.small", "6", "error constraint", "不能大于count" },
};

static ZichaAnswers *
checks_answers (ZichaForm *form)
{
  ZichaAnswers *answers = zicha_answers_new (form);
  ZichaFormItem *rows = zicha_form_lookup_item (form, "s.rows", NULL);
  ZichaFormItem *must = zicha_form_lookup_item (form, "s.must", NULL);
  g_autofree char *row = NULL;
  g_autofree char *cell = NULL;

  set (answers, "s.name", "'abc'");
  set (answers, "s.count", "5");
  row = zicha_answers_add_row (answers, rows);
  cell = g_strdup_printf ("s.rows[%s].x", row);
  set (answers, cell, "1");
  g_free (zicha_answers_add_row (answers, must));
  return answers;
}

static void
test_builtin_checks (void)
{
  g_autofree char *broken = zicha_test_json (checks_form);
  g_autofree char *text = zicha_test_json (checks_form_fixed);
  g_autoptr(GError) error = NULL;
  g_autoptr(ZichaForm) unloadable = zicha_form_new_from_string (broken, -1, &error);
  g_autoptr(ZichaForm) form = zicha_form_new_from_string (text, -1, NULL);

  /* (An unknown operator is the loader's business.) */
  CU_ASSERT_PTR_NULL (unloadable);
  CU_ASSERT_TRUE (g_error_matches (error, ZICHA_FORM_ERROR, ZICHA_FORM_ERROR_INVALID));
  CU_ASSERT_PTR_NOT_NULL_FATAL (form);

  {
    g_autoptr(ZichaAnswers) answers = checks_answers (form);
    g_autoptr(ZichaValidation) clean = validate_on (answers, 2019, 7, 1);

    if (zicha_validation_get_n_problems (clean) != 0)
      print_problems (clean);
    CU_ASSERT_EQUAL (zicha_validation_get_n_problems (clean), 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (check_cases); i++)
    {
      const CheckCase *c = &check_cases[i];
      g_autoptr(ZichaAnswers) answers = checks_answers (form);
      g_autoptr(ZichaValidation) validation = NULL;
      g_autofree char *got = NULL;
      const ZichaProblem *problem = NULL;

      set (answers, c->path, c->value);
      validation = validate_on (answers, 2019, 7, 1);

      if (zicha_validation_get_n_problems (validation) > 0)
        {
          problem = zicha_validation_get_problem (validation, 0);
          got = g_strdup_printf ("%s %s", zicha_severity_to_string (problem->severity), problem->check);
        }

      if (g_strcmp0 (got, c->expected) != 0 || zicha_validation_get_n_problems (validation) > 1 ||
          (c->message_zh != NULL && (problem == NULL || strstr (problem->message_zh, c->message_zh) == NULL)))
        {
          g_printerr ("\n%s = %s: expected %s “%s”, got\n", c->path, c->value,
                      c->expected != NULL ? c->expected : "nothing", c->message_zh != NULL ? c->message_zh : "");
          print_problems (validation);
        }
      ZICHA_ASSERT_STR_EQ (got, c->expected);
      CU_ASSERT_TRUE (zicha_validation_get_n_problems (validation) <= 1);
      if (c->message_zh != NULL)
        CU_ASSERT_TRUE (problem != NULL && strstr (problem->message_zh, c->message_zh) != NULL);
      if (problem != NULL)
        ZICHA_ASSERT_STR_EQ (problem->path, c->path);
    }
}

static void
test_constraint_when (void)
{
  static const char * const expected[] = {
    "warning s.small constraint",
    NULL
  };
  g_autoptr(ZichaForm) form = zicha_test_load_form (checks_form_fixed);
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaValidation) off = NULL;
  g_autoptr(ZichaValidation) on = NULL;

  answers = checks_answers (form);
  set (answers, "s.small", "0");
  off = validate_on (answers, 2019, 7, 1);
  CU_ASSERT_EQUAL (zicha_validation_get_n_problems (off), 0);

  set (answers, "s.yn", "'yes'");
  on = validate_on (answers, 2019, 7, 1);
  assert_problems (on, expected);
  ZICHA_ASSERT_STR_EQ (zicha_validation_get_problem (on, 0)->message_en, "应大于0");
}

static void
test_rows (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_form (checks_form_fixed);
  ZichaFormItem *rows;
  ZichaFormItem *must;

  rows = zicha_form_lookup_item (form, "s.rows", NULL);
  must = zicha_form_lookup_item (form, "s.must", NULL);

  {
    static const char * const expected[] = { "error s.rows min_rows", "error s.must required", NULL };
    g_autoptr(ZichaAnswers) answers = checks_answers (form);
    g_autoptr(ZichaValidation) validation = NULL;

    zicha_answers_remove_row (answers, rows, zicha_answers_get_row_id (answers, rows, 0));
    zicha_answers_remove_row (answers, must, zicha_answers_get_row_id (answers, must, 0));
    validation = validate_on (answers, 2019, 7, 1);
    assert_problems (validation, expected);
    ZICHA_ASSERT_STR_EQ (zicha_validation_get_problem (validation, 0)->message_zh, "至少应填写1行（现有0行）");
    CU_ASSERT_EQUAL (zicha_validation_get_progress (validation, 0)->total_required, 2);
    CU_ASSERT_EQUAL (zicha_validation_get_progress (validation, 0)->answered_required, 1);
  }

  {
    g_autoptr(ZichaAnswers) answers = checks_answers (form);
    g_autoptr(ZichaValidation) validation = NULL;
    g_autofree char *second = zicha_answers_add_row (answers, rows);
    g_autofree char *third = zicha_answers_add_row (answers, rows);
    g_autofree char *second_cell = g_strdup_printf ("s.rows[%s].x", second);
    g_autofree char *third_path = g_strdup_printf ("s.rows[%s].x", third);
    const ZichaProblem *problem;

    set (answers, second_cell, "2");
    validation = validate_on (answers, 2019, 7, 1);
    /* Too many rows, and the third row's required cell is empty. */
    CU_ASSERT_EQUAL_FATAL (zicha_validation_get_n_problems (validation), 2);
    ZICHA_ASSERT_STR_EQ (zicha_validation_get_problem (validation, 0)->check, "max_rows");
    problem = zicha_validation_get_problem (validation, 1);
    ZICHA_ASSERT_STR_EQ (problem->path, third_path);
    ZICHA_ASSERT_STR_EQ (problem->row_id, third);
    ZICHA_ASSERT_STR_EQ (problem->check, "required");
    /* name, must, and x in each of three rows */
    CU_ASSERT_EQUAL (zicha_validation_get_progress (validation, 0)->total_required, 5);
    CU_ASSERT_EQUAL (zicha_validation_get_progress (validation, 0)->answered_required, 4);
  }
}

static void
test_purity (void)
{
  g_autoptr(ZichaForm) form = zicha_test_load_default_form ();
  g_autoptr(ZichaAnswers) answers = load_complete (form);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ZichaValidation) first = NULL;
  g_autoptr(ZichaValidation) second = NULL;

  set (answers, "basic.systems_unrated", "5");
  before = zicha_answers_to_string (answers);
  first = validate_on (answers, 2019, 7, 1);
  second = validate_on (answers, 2019, 7, 1);
  after = zicha_answers_to_string (answers);

  ZICHA_ASSERT_STR_EQ (after, before);
  CU_ASSERT_EQUAL (zicha_validation_get_n_problems (first), zicha_validation_get_n_problems (second));
  for (guint i = 0; i < zicha_validation_get_n_problems (first); i++)
    ZICHA_ASSERT_STR_EQ (zicha_validation_get_problem (first, i)->path,
                         zicha_validation_get_problem (second, i)->path);
}

int
main (void)
{
  static const ZichaTestCase cases[] = {
    { "/validation/2019/complete", test_complete_report },
    { "/validation/2019/empty", test_empty_report },
    { "/validation/2019/level-counts", test_level_counts },
    { "/validation/2019/systems-table", test_systems_table },
    { "/validation/2019/assessment-windows", test_assessment_windows },
    { "/validation/2019/report-date", test_report_date_falls_back_to_today },
    { "/validation/2019/relevance", test_relevance },
    { "/validation/2019/hidden-answers", test_hidden_answers_are_unanswered },
    { "/validation/2019/rows-against-counts", test_rows_against_counts },
    { "/validation/2019/measures", test_measures },
    { "/validation/builtin-checks", test_builtin_checks },
    { "/validation/constraint-when", test_constraint_when },
    { "/validation/rows", test_rows },
    { "/validation/purity", test_purity },
    { NULL, NULL }
  };

  return zicha_test_run ("validation", NULL, NULL, cases);
}
