/* bench-validate.c — a full validation of a large report, against one walk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds, in memory, a large and valid report for the 2019 form (300
 * information systems, 100 websites, 50 apps, 200 LED screens, plus a few
 * CII, data-system and rectification rows), with every column a real unit
 * would fill given a realistic value: valid codes, dates, levels, and
 * counts that agree with the tables. Then it times, alternately and in the
 * same process:
 *
 *   validate  zicha_validate() of the whole report (the result is freed
 *             outside the timed span);
 *   walk      the baseline: zicha_answers_foreach() over every stored value,
 *             reading each JsonNode once the way any consumer must — its
 *             node and value type, then the string (every byte, by strlen)
 *             or the number; arrays element by element. Nothing else: no
 *             copies, no allocation, no lookups.
 *
 * and prints both medians, the ratio and whether validation stays within
 * 10× the walk (issue 4). Machines are noisy: read the ratio, not the
 * absolute times. A missed target prints MISS; the exit status is non-zero
 * only when something fails (the form does not load, or the report that is
 * meant to be valid has errors).
 *
 *   bench-validate [--quick] [--runs N]
 *
 * The form is the default one (zicha_form_default_path(); set
 * ZICHA_DATADIR to the source tree's data directory when uninstalled).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-common.h"
#include "zicha-validation.h"

#define N_SYSTEMS        300
#define N_WEBSITES       100
#define N_APPS           50
#define N_LED_SCREENS    200
#define N_CII            3
#define N_DATA_SYSTEMS   20
#define N_MEASURES       10

#define N_WARMUP_RUNS    3
#define FULL_RUNS        51
#define QUICK_RUNS       5

#define TARGET_RATIO     10.0  /* "full validation under 10× the walk" */

#define FILL_DATE        "2019-07-01"

/* Building the report ----------------------------------------------------- */

typedef struct
{
  ZichaForm    *form;
  ZichaAnswers *answers;
  ZichaFormItem *table;   /* the table rows are being added to */
  char         *row_id;   /* the current row */
} Builder;

static ZichaFormItem *
item_at (Builder    *b,
         const char *path)
{
  ZichaFormItem *item = zicha_form_lookup_item (b->form, path, NULL);

  if (item == NULL)
    g_error ("bench-validate: the form has no field “%s”", path);
  return item;
}

static void
put (Builder    *b,
     const char *id,     /* "section.item", or a column id inside a row */
     JsonNode   *value)  /* (transfer full) */
{
  ZichaFormItem *item;

  if (b->table != NULL)
    {
      item = zicha_form_item_lookup_column (b->table, id);
      if (item == NULL)
        g_error ("bench-validate: table “%s” has no column “%s”", zicha_form_item_get_path (b->table), id);
    }
  else
    item = item_at (b, id);

  if (!zicha_answers_set_value (b->answers, item, b->row_id, value))
    g_error ("bench-validate: cannot set “%s”", id);
  json_node_unref (value);
}

static void
put_string (Builder    *b,
            const char *id,
            const char *text)
{
  put (b, id, json_node_init_string (json_node_alloc (), text));
}

static void
put_printf (Builder    *b,
            const char *id,
            const char *format,
            ...) G_GNUC_PRINTF (3, 4);

static void
put_printf (Builder    *b,
            const char *id,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  put_string (b, id, text);
}

static void
put_int (Builder    *b,
         const char *id,
         gint64      number)
{
  put (b, id, json_node_init_int (json_node_alloc (), number));
}

static void
put_double (Builder    *b,
            const char *id,
            double      number)
{
  put (b, id, json_node_init_double (json_node_alloc (), number));
}

/* A multi_choice: the option values, NULL-terminated. */
static void
put_options (Builder    *b,
             const char *id,
             ...) G_GNUC_NULL_TERMINATED;

static void
put_options (Builder    *b,
             const char *id,
             ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, id);
  for (const char *option = va_arg (args, const char *); option != NULL; option = va_arg (args, const char *))
    json_array_add_string_element (array, option);
  va_end (args);

  put (b, id, json_node_init_array (json_node_alloc (), array));
  json_array_unref (array);
}

static void
begin_table (Builder    *b,
             const char *path)
{
  b->table = item_at (b, path);
}

static void
begin_row (Builder *b)
{
  g_free (b->row_id);
  b->row_id = zicha_answers_add_row (b->answers, b->table);
}

static void
end_table (Builder *b)
{
  b->table = NULL;
  g_clear_pointer (&b->row_id, g_free);
}

/* A paragraph of a few hundred characters, as the narrative items get. */
static char *
narrative (const char *topic)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "关于%s：", topic);
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (text,
                            "%u. 本单位按照《网络安全法》和教育系统网络安全工作要求，"
                            "结合实际制定了工作方案，明确了责任部门和责任人，定期开展检查，"
                            "对发现的问题建立台账并限期整改，相关情况已报主管部门备案。", i + 1);
  return g_string_free (text, FALSE);
}

static void
put_narrative (Builder    *b,
               const char *id,
               const char *topic)
{
  g_autofree char *text = narrative (topic);

  put_string (b, id, text);
}

/* People who own systems, websites and screens: a large unit has a few
 * dozen, each with one mobile number, so values repeat as they would. */
#define N_PEOPLE 40

static const char * const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴" };
static const char * const given_names[] = { "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "军", "杰", "涛", "明" };

static char *
person_name (guint person)
{
  person %= N_PEOPLE;
  return g_strconcat (surnames[person % G_N_ELEMENTS (surnames)],
                      given_names[(person * 7) % G_N_ELEMENTS (given_names)], NULL);
}

static char *
person_mobile (guint person)
{
  static const char * const prefixes[] = { "139", "138", "137", "186", "158", "152", "131", "177" };

  person %= N_PEOPLE;
  return g_strdup_printf ("%s%08u", prefixes[person % G_N_ELEMENTS (prefixes)], 10012345 + person * 1237);
}

static char *
office_phone (guint n)
{
  return g_strdup_printf ("010-6275%04u", 1200 + n);
}

static void
fill_plain_items (Builder *b)
{
  static const struct { const char *id; const char *topic; } work[] = {
    { "work.organization", "组织领导" },
    { "work.support", "经费和人员保障" },
    { "work.grading_filing", "定级备案" },
    { "work.assessment", "等级测评" },
    { "work.rectification", "安全建设整改" },
    { "work.self_inspection", "安全自查" },
    { "work.policies", "制度建设" },
    { "work.technical_measures", "技术防护" },
    { "work.incident_response", "应急处置" },
    { "work.training", "教育培训" },
  };
  static const char * const yes_items[] = {
    "responsibility.leading_group", "responsibility.first_responsible", "responsibility.direct_responsible",
    "responsibility.department_named", "responsibility.annual_assessment", "responsibility.responsibility_letters",
    "management.centralized", "management.outsourced", "management.provider_agreements",
    "management.logs_six_months", "management.emergency_plan", "management.incidents_reported",
    "cii.cii_identified", "cii.measure_firewall", "cii.measure_ids_ips", "cii.measure_waf",
    "cii.measure_anti_tamper", "cii.measure_antivirus", "cii.measure_vulnerability", "cii.measure_backup",
    "cii.measure_log_audit", "cii.measure_monitoring", "cii.order151_filing", "cii.order151_policies",
    "cii.order151_logs", "cii.order151_antivirus", "cii.order151_prohibited_content",
    "cii.order151_police_support", "cii.order151_dengbao",
    "data_protection.collection_consent", "data_protection.encrypted_at_rest",
    "data_protection.encrypted_in_transit", "data_protection.access_control",
    "data_protection.desensitization", "data_protection.shared", "data_protection.backups",
    "led.ledger", "led.host_antivirus", "led.host_firewall", "led.ports_closed", "led.passwords_changed",
    "led.vulnerabilities_fixed", "led.dedicated_host", "led.content_review", "led.tamper_plan",
  };

  put_string (b, "header.unit_name", "北京某某大学");
  put_string (b, "header.filled_by", "张伟");
  put_string (b, "header.phone", "010-62751234");
  put_string (b, "header.fill_date", FILL_DATE);

  put_string (b, "basic.unit_name", "北京某某大学");
  put_string (b, "basic.uscc", "12110000208981186Q");
  put_string (b, "basic.address", "北京市海淀区学院路37号");
  put_string (b, "basic.leader_name", "李明");
  put_string (b, "basic.leader_title", "副校长");
  put_string (b, "basic.department", "网络安全和信息化办公室");
  put_string (b, "basic.head_name", "王磊");
  put_string (b, "basic.head_title", "主任");
  put_string (b, "basic.head_office_phone", "010-62751201");
  put_string (b, "basic.head_mobile", "13801012345");
  put_string (b, "basic.contact_name", "张伟");
  put_string (b, "basic.contact_title", "工程师");
  put_string (b, "basic.contact_office_phone", "(010) 6275 1202");
  put_string (b, "basic.contact_mobile", "+86 139 1001 2345");

  /* The systems table below: 5 at level 4, 60 at level 3, 135 at level 2,
   * 30 at level 1 and 70 not yet rated; every system from level 2 is
   * assessed, 165 are rectified, all are self-inspected. */
  put_int (b, "basic.systems_total", N_SYSTEMS);
  put_int (b, "basic.systems_level4", 5);
  put_int (b, "basic.systems_level3", 60);
  put_int (b, "basic.systems_level2", 135);
  put_int (b, "basic.systems_unrated", 70);
  put_int (b, "basic.assessed_total", 200);
  put_int (b, "basic.assessed_level4", 5);
  put_int (b, "basic.assessed_level3", 60);
  put_int (b, "basic.assessed_level2", 135);
  put_int (b, "basic.not_assessed", 100);
  put_int (b, "basic.rectified_total", 165);
  put_int (b, "basic.rectified_level4", 5);
  put_int (b, "basic.rectified_level3", 60);
  put_int (b, "basic.rectified_level2", 100);
  put_int (b, "basic.not_rectified", 135);
  put_int (b, "basic.selfchecked_total", N_SYSTEMS);
  put_int (b, "basic.selfchecked_level4", 5);
  put_int (b, "basic.selfchecked_level3", 60);
  put_int (b, "basic.selfchecked_level2", 135);
  put_int (b, "basic.not_selfchecked", 0);

  for (guint i = 0; i < G_N_ELEMENTS (work); i++)
    put_narrative (b, work[i].id, work[i].topic);

  for (guint i = 0; i < G_N_ELEMENTS (yes_items); i++)
    put_string (b, yes_items[i], "yes");

  put_string (b, "responsibility.leading_group_head", "校长 刘洋");
  put_string (b, "responsibility.first_responsible_name", "校长 刘洋");
  put_string (b, "responsibility.direct_responsible_name", "副校长 李明");
  put_int (b, "responsibility.responsibility_letters_count", 42);
  put_int (b, "responsibility.fulltime_staff", 12);
  put_double (b, "responsibility.budget", 385.5);
  put_narrative (b, "responsibility.notes", "责任制落实");

  put_options (b, "management.asset_ledgers", "websites", "systems", "apps", NULL);
  put_options (b, "management.policies", "personnel", "machine_room", "assets", "other", NULL);
  put_string (b, "management.policies_other", "数据安全管理办法");
  put_string (b, "management.providers", "某某信息技术有限公司");
  put_int (b, "management.drills", 3);
  put_string (b, "management.last_drill", "2019-05-20");
  put_int (b, "management.incidents", 2);
  put_int (b, "management.training_sessions", 6);
  put_int (b, "management.training_attendees", 820);
  put_narrative (b, "management.notes", "统筹管理");

  put_int (b, "cii.cii_count", N_CII);
  put_int (b, "cii.level3_plus", 65);
  put_options (b, "cii.backup_location", "local", "remote", NULL);
  put_narrative (b, "cii.notes", "关键信息基础设施");

  put_int (b, "data_protection.pi_systems", N_DATA_SYSTEMS);
  put_int (b, "data_protection.pi_records", 185000);
  put_options (b, "data_protection.pi_categories", "identity", "contact", "student_records", NULL);
  put_options (b, "data_protection.storage", "local", "gov_cloud", NULL);
  put_string (b, "data_protection.shared_with", "上级教育主管部门");
  put_string (b, "data_protection.cross_border", "no");
  put_string (b, "data_protection.backup_frequency", "daily");
  put_int (b, "data_protection.leaks", 0);
  put_narrative (b, "data_protection.notes", "数据和个人信息保护");

  put_int (b, "led.led_count", N_LED_SCREENS);
  put_string (b, "led.standalone_offline", "yes");
  put_narrative (b, "led.notes", "LED屏");

  put_string (b, "report_process.start_date", "2019-06-03");
  put_string (b, "report_process.end_date", "2019-06-28");
  put_narrative (b, "report_process.organization", "自查组织");
  put_narrative (b, "report_process.scope", "自查范围");
  put_options (b, "report_process.methods", "documents", "technical", "scanning", NULL);
  put_narrative (b, "report_process.methods_notes", "自查方法");
  put_narrative (b, "report_problems.main_problems", "存在的主要问题");
  put_narrative (b, "report_rectification.next_steps", "下一步工作");
  put_narrative (b, "report_suggestions.suggestions", "意见和建议");
}

static const char *
system_level (guint i)
{
  /* 5 l4, 60 l3, 135 l2, 30 l1, 70 unrated, spread over the table */
  guint k = (i * 37) % N_SYSTEMS;

  if (k < 5)
    return "l4";
  if (k < 65)
    return "l3";
  if (k < 200)
    return "l2";
  if (k < 230)
    return "l1";
  return "unrated";
}

static void
fill_systems (Builder *b)
{
  static const char * const kinds[] = { "教务管理", "科研管理", "财务", "人事", "一卡通", "图书馆", "招生", "资产", "OA办公", "邮件" };
  static const char * const business[] = { "production", "management", "office", "public_service", "command", "other" };
  static const char * const targets[] = { "internal", "public", "both" };
  static const char * const networks[] = { "private", "internet" };
  static const char * const deployments[] = { "local", "gov_cloud", "public_cloud", "local" };
  static const char * const results[] = { "pass", "basic_pass", "pass" };
  static const char * const rectified_other[] = { "partial", "not_started", "not_needed" };
  guint level2_seen = 0;

  begin_table (b, "system_list.systems");
  for (guint i = 0; i < N_SYSTEMS; i++)
    {
      const char *level = system_level (i);
      gboolean filed = !g_str_equal (level, "l1") && !g_str_equal (level, "unrated");
      const char *deployment = deployments[i % G_N_ELEMENTS (deployments)];
      g_autofree char *owner = person_name (i);
      g_autofree char *owner_phone = i % 3 == 0 ? office_phone (i % N_PEOPLE) : person_mobile (i);

      begin_row (b);
      put_printf (b, "name", "%s系统（%u号）", kinds[i % G_N_ELEMENTS (kinds)], i + 1);
      put_string (b, "level", level);
      if (filed)
        {
          gboolean rectified;

          put_printf (b, "filing_number", "11010813001-%05u", i + 1);
          put_printf (b, "filing_date", "2018-%02u-%02u", i % 12 + 1, i % 28 + 1);
          put_string (b, "police_office", "北京市公安局海淀分局");
          /* Level 4 within 6 months, level 3 within 12, level 2 any time. */
          if (g_str_equal (level, "l4"))
            put_printf (b, "last_assessment", "2019-%02u-%02u", i % 5 + 2, i % 28 + 1);
          else if (g_str_equal (level, "l3"))
            put_printf (b, "last_assessment", "2018-%02u-%02u", i % 5 + 8, i % 28 + 1);
          else
            put_printf (b, "last_assessment", "2017-%02u-%02u", i % 12 + 1, i % 28 + 1);
          put_string (b, "assessment_body", "北京某某信息安全测评中心");
          put_string (b, "assessment_result", results[i % G_N_ELEMENTS (results)]);
          /* All of level 3 and 4 and the first 100 of level 2 are rectified. */
          rectified = !g_str_equal (level, "l2") || level2_seen++ < 100;
          put_string (b, "rectified", rectified ? "done" : rectified_other[i % G_N_ELEMENTS (rectified_other)]);
        }
      put_string (b, "is_cii", i < N_CII ? "yes" : "no");
      put_string (b, "business_type", business[i % G_N_ELEMENTS (business)]);
      put_string (b, "service_target", targets[i % G_N_ELEMENTS (targets)]);
      put_string (b, "network", networks[i % G_N_ELEMENTS (networks)]);
      put_string (b, "deployment", deployment);
      if (g_str_equal (deployment, "gov_cloud"))
        put_string (b, "cloud_provider", "北京市教育云");
      else if (g_str_equal (deployment, "public_cloud"))
        put_string (b, "cloud_provider", "某某云计算有限公司");
      put_string (b, "holds_pi", i % 4 == 0 ? "yes" : "no");
      if (i % 4 == 0)
        put_int (b, "pi_records", 1000 + (gint64) i * 250);
      put_int (b, "log_retention_months", i % 2 == 0 ? 6 : 12);
      put_string (b, "operator", i % 5 == 0 ? "某某信息技术有限公司" : "网络安全和信息化办公室");
      put_string (b, "owner", owner);
      put_string (b, "owner_phone", owner_phone);
    }
  end_table (b);
}

static void
fill_websites (Builder *b)
{
  static const char * const units[] = { "党委办公室", "教务处", "科研处", "图书馆", "计算机学院", "外国语学院", "后勤集团", "招生办公室" };
  static const char * const levels[] = { "l2", "l2", "l3", "unrated" };
  static const char * const affiliations[] = { "central", "province", "other" };
  static const char * const hostings[] = { "own_room", "hosted", "cloud" };

  begin_table (b, "website_list.websites");
  for (guint i = 0; i < N_WEBSITES; i++)
    {
      const char *level = levels[i % G_N_ELEMENTS (levels)];
      g_autofree char *owner = person_name (i + 3);
      g_autofree char *security_owner = person_name (i + 11);
      g_autofree char *phone = office_phone (i);
      g_autofree char *mobile = person_mobile (i + 5);

      begin_row (b);
      put_printf (b, "name", "%s网站（%u）", units[i % G_N_ELEMENTS (units)], i + 1);
      put_printf (b, "url", i == 0 ? "https://www.example.edu.cn/" : "https://site%u.example.edu.cn/", i);
      put_string (b, "is_portal", i == 0 ? "yes" : "no");
      put_string (b, "is_key_service", i < 10 ? "yes" : "no");
      put_string (b, "owner_unit", units[i % G_N_ELEMENTS (units)]);
      put_string (b, "owner_head", owner);
      put_string (b, "security_owner", security_owner);
      put_string (b, "location", i % 3 == 0 ? "学校数据中心" : "北京市教育云");
      put_printf (b, "icp", "京ICP备05004617号-%u", i + 1);
      put_printf (b, "gaba", "京公网安备%014" G_GUINT64_FORMAT "号", (guint64) 11010802010001 + i);
      if (i % 10 == 9)
        put_printf (b, "ip", "2001:da8:201:%x::%x", i, i + 1);
      else
        put_printf (b, "ip", "202.112.%u.%u", 8 + i / 50, 10 + i % 50);
      put_string (b, "operator", "网络安全和信息化办公室");
      put_string (b, "phone", phone);
      put_string (b, "phone_2", mobile);
      put_string (b, "affiliation", affiliations[i % G_N_ELEMENTS (affiliations)]);
      put_string (b, "unit_type", "institution");
      put_string (b, "level", level);
      put_string (b, "assessed", g_str_equal (level, "unrated") ? "no" : "yes");
      put_string (b, "responsibility_letter", "yes");
      if (i % 2 == 0)
        put_options (b, "services", "news", "policy", "open_government", NULL);
      else
        put_options (b, "services", "news", "services", NULL);
      put_string (b, "hosting", hostings[i % G_N_ELEMENTS (hostings)]);
      put_string (b, "cdn_waf", i % 2 == 0 ? "yes" : "no");
      put_printf (b, "last_scan", "2019-%02u-%02u", i % 6 + 1, i % 28 + 1);
      put_string (b, "security_department", "yes");
      put_string (b, "in_annual_assessment", "yes");
      put_string (b, "in_budget", "yes");
      put_string (b, "roles_defined", "yes");
      put_string (b, "admins_nda", "yes");
    }
  end_table (b);
}

static void
fill_cii (Builder *b)
{
  static const char * const categories[] = { "website", "platform", "production" };

  begin_table (b, "cii_list.cii");
  for (guint i = 0; i < N_CII; i++)
    {
      g_autofree char *mobile = person_mobile (i);

      begin_row (b);
      put_printf (b, "name", "关键业务平台（%u）", i + 1);
      put_string (b, "category", categories[i % G_N_ELEMENTS (categories)]);
      put_string (b, "region", "110108");
      put_string (b, "legal_representative", "刘洋");
      put_string (b, "supervisor", "北京市教育委员会");
      put_string (b, "security_org", "网络安全和信息化领导小组");
      put_string (b, "operator", "网络安全和信息化办公室");
      put_string (b, "operator_phone", mobile);
      put_printf (b, "entry", "https://cii%u.example.edu.cn/", i + 1);
      put_printf (b, "icp", "京ICP备05004617号-%u", 200 + i);
      put_int (b, "registered_users", 42000 + (gint64) i * 1000);
      put_options (b, "basic_resources", "population", "certificates", NULL);
      put_string (b, "data_location", "学校数据中心");
      put_narrative (b, "functions", "系统功能");
      put_string (b, "service_scope", "全校师生");
      put_narrative (b, "harm", "遭破坏后的危害");
      put_string (b, "environment", "自建机房，双路供电");
      put_string (b, "ops_mode", "mixed");
      put_narrative (b, "protection", "安全防护情况");
    }
  end_table (b);
}

static void
fill_apps (Builder *b)
{
  static const char * const levels[] = { "l2", "l3", "unrated", "l1" };

  begin_table (b, "app_list.apps");
  for (guint i = 0; i < N_APPS; i++)
    {
      gboolean collects = i % 3 != 2;

      begin_row (b);
      put_printf (b, "name", "掌上校园（%u）", i + 1);
      if (i % 2 == 0)
        put_options (b, "platforms", "android", "ios", NULL);
      else
        put_options (b, "platforms", "mini_program", NULL);
      put_string (b, "operator", "网络安全和信息化办公室");
      put_int (b, "users", 500 + (gint64) i * 731);
      put_string (b, "collects_pi", collects ? "yes" : "no");
      if (collects)
        put_string (b, "pi_categories", "姓名、学号、手机号码");
      put_string (b, "privacy_policy", "yes");
      put_string (b, "level", levels[i % G_N_ELEMENTS (levels)]);
      put_string (b, "outsourcer", "某某软件有限公司");
      put_string (b, "channels", "华为应用市场、App Store、微信");
    }
  end_table (b);
}

static void
fill_data_systems (Builder *b)
{
  begin_table (b, "data_list.data_systems");
  for (guint i = 0; i < N_DATA_SYSTEMS; i++)
    {
      begin_row (b);
      put_printf (b, "name", "个人信息数据库（%u）", i + 1);
      put_options (b, "categories", "identity", "contact", "student_records", NULL);
      put_int (b, "records", 5000 + (gint64) i * 400);
      put_double (b, "volume_gb", 12.5 + i);
      put_string (b, "location", i % 2 == 0 ? "local" : "gov_cloud");
      put_string (b, "encrypted", "yes");
      put_string (b, "backup", "yes");
      put_string (b, "shared", "no");
    }
  end_table (b);
}

static void
fill_led_screens (Builder *b)
{
  static const char * const controls[] = { "standalone", "lan", "campus", "standalone", "wireless" };
  static const char * const places[] = { "东门", "西门", "图书馆大厅", "食堂", "体育馆", "教学楼", "宿舍区", "礼堂" };

  begin_table (b, "led_list.led_screens");
  for (guint i = 0; i < N_LED_SCREENS; i++)
    {
      const char *control = controls[i % G_N_ELEMENTS (controls)];
      g_autofree char *admin = person_name (i / 10);
      g_autofree char *phone = person_mobile (i / 10);

      begin_row (b);
      put_printf (b, "location", "%s（%u号屏）", places[i % G_N_ELEMENTS (places)], i + 1);
      put_string (b, "purpose", i % 2 == 0 ? "通知公告" : "宣传展示");
      put_string (b, "owner_unit", "党委宣传部");
      put_string (b, "admin", admin);
      put_string (b, "admin_phone", phone);
      put_string (b, "control", control);
      put_string (b, "networked", g_str_equal (control, "standalone") ? "no" : "yes");
    }
  end_table (b);
}

static void
fill_measures (Builder *b)
{
  static const char * const statuses[] = { "done", "in_progress", "planned" };

  begin_table (b, "report_rectification.measures");
  for (guint i = 0; i < N_MEASURES; i++)
    {
      g_autofree char *owner = person_name (i);

      begin_row (b);
      put_printf (b, "problem", "部分系统存在弱口令（%u）", i + 1);
      put_string (b, "measure", "统一修改口令，启用口令复杂度策略和登录失败处理功能，定期核查");
      put_string (b, "owner", owner);
      put_printf (b, "deadline", "2019-%02u-30", 7 + i % 5);
      put_string (b, "status", statuses[i % G_N_ELEMENTS (statuses)]);
    }
  end_table (b);
}

static ZichaAnswers *
build_report (ZichaForm *form)
{
  Builder b = { form, zicha_answers_new (form), NULL, NULL };

  fill_plain_items (&b);
  fill_systems (&b);
  fill_websites (&b);
  fill_cii (&b);
  fill_apps (&b);
  fill_data_systems (&b);
  fill_led_screens (&b);
  fill_measures (&b);

  return b.answers;
}

/* The walk ---------------------------------------------------------------- */

typedef struct
{
  guint  n_values;
  gsize  n_bytes;   /* of all strings */
  gint64 sum;       /* of all numbers, truncated */
} WalkTally;

static void
touch_node (JsonNode  *node,
            WalkTally *tally)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          tally->n_bytes += strlen (json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          tally->sum += json_node_get_int (node);
          break;
        case G_TYPE_DOUBLE:
          tally->sum += (gint64) json_node_get_double (node);
          break;
        case G_TYPE_BOOLEAN:
          tally->sum += json_node_get_boolean (node);
          break;
        default:
          break;
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        for (guint i = 0; i < length; i++)
          touch_node (json_array_get_element (array, i), tally);
      }
      break;

    case JSON_NODE_OBJECT:
    case JSON_NODE_NULL:
    default:
      break;
    }
}

static void
walk_value (ZichaFormItem *item,
            const char    *row_id,
            JsonNode      *value,
            gpointer       user_data)
{
  WalkTally *tally = user_data;

  tally->n_values++;
  touch_node (value, tally);
}

/* Main -------------------------------------------------------------------- */

static void
print_problems (ZichaValidation *validation)
{
  for (guint i = 0; i < zicha_validation_get_n_problems (validation); i++)
    {
      const ZichaProblem *problem = zicha_validation_get_problem (validation, i);

      fprintf (stderr, "  %s %s [%s] %s / %s\n", zicha_severity_to_string (problem->severity),
               problem->path, problem->check, problem->message_zh, problem->message_en);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *form_path = NULL;
  g_autoptr(ZichaForm) form = NULL;
  g_autoptr(ZichaAnswers) answers = NULL;
  g_autoptr(ZichaValidation) first = NULL;
  g_autoptr(GArray) validate_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) walk_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDate) today = g_date_new_dmy (1, G_DATE_JULY, 2019);
  WalkTally tally = { 0, 0, 0 };
  gboolean quick = FALSE;
  int runs = 0;
  double start, validate_median, walk_median, ratio;
  guint n_rows = 0;
  const GOptionEntry entries[] = {
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "Few runs, as a smoke test", NULL },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Timed runs of each (default 51, quick 5)", "N" },
    { NULL }
  };

  context = g_option_context_new ("— time a full validation against one walk of the answers");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-validate: %s\n", error->message);
      return 2;
    }
  if (runs <= 0)
    runs = quick ? QUICK_RUNS : FULL_RUNS;

  form = bench_load_default_form ("bench-validate", &form_path);
  if (form == NULL)
    return 1;

  start = bench_now_us ();
  answers = build_report (form);
  for (guint i = 0; i < zicha_form_get_n_all_items (form); i++)
    {
      ZichaFormItem *item = zicha_form_get_all_item (form, i);

      if (zicha_form_item_get_item_type (item) == ZICHA_FORM_ITEM_TABLE)
        n_rows += zicha_answers_get_n_rows (answers, item);
    }

  printf ("# Zicha validation benchmark (%s run, %d timed runs each)\n", quick ? "quick" : "full", runs);
  printf ("# form: %s version %u (%s)\n", zicha_form_get_id (form), zicha_form_get_version (form), form_path);
  printf ("# report: %u systems, %u websites, %u apps, %u LED screens, %u CII, %u data systems,\n"
          "#         %u rectification measures: %u rows, %u stored values (built in %.1f ms)\n",
          N_SYSTEMS, N_WEBSITES, N_APPS, N_LED_SCREENS, N_CII, N_DATA_SYSTEMS, N_MEASURES,
          n_rows, zicha_answers_get_n_values (answers), (bench_now_us () - start) / 1e3);
  printf ("# validate: zicha_validate() of the whole report, report date %s (result freed untimed)\n", FILL_DATE);
  printf ("# walk:     zicha_answers_foreach() over every stored value, reading each JsonNode\n"
          "#           once: node and value type, every byte of a string (strlen), a number's\n"
          "#           value, arrays element by element; no copies, no allocation, no lookups\n");
  printf ("# Both are measured alternately in this run: read the ratio, not the absolute times.\n");
  fflush (stdout);

  /* The report is meant to be valid: errors are a bug in this program or
   * in the validation, not a measurement. */
  first = zicha_validate (answers, today);
  printf ("validate problems: %u errors, %u warnings\n",
          zicha_validation_get_n_errors (first), zicha_validation_get_n_warnings (first));
  if (zicha_validation_get_n_problems (first) > 0)
    print_problems (first);
  if (zicha_validation_get_n_errors (first) > 0)
    {
      fprintf (stderr, "bench-validate: the generated report should have no errors\n");
      return 1;
    }

  for (int i = 0; i < N_WARMUP_RUNS + runs; i++)
    {
      g_autoptr(ZichaValidation) validation = NULL;
      WalkTally run_tally = { 0, 0, 0 };
      double t0, t1, t2;

      t0 = bench_now_us ();
      zicha_answers_foreach (answers, walk_value, &run_tally);
      t1 = bench_now_us ();
      validation = zicha_validate (answers, today);
      t2 = bench_now_us ();

      tally = run_tally;
      if (i >= N_WARMUP_RUNS)
        {
          double walk = t1 - t0;
          double validate = t2 - t1;

          g_array_append_val (walk_samples, walk);
          g_array_append_val (validate_samples, validate);
        }
    }

  walk_median = bench_median (walk_samples);
  validate_median = bench_median (validate_samples);
  ratio = validate_median / walk_median;

  printf ("walk values: %u, string bytes: %" G_GSIZE_FORMAT ", number sum: %" G_GINT64_FORMAT "\n",
          tally.n_values, tally.n_bytes, tally.sum);
  printf ("walk     median: %10.1f µs (%.1f ns per value)\n", walk_median, walk_median * 1e3 / tally.n_values);
  printf ("validate median: %10.1f µs (%.1f ns per value)\n", validate_median, validate_median * 1e3 / tally.n_values);
  printf ("ratio validate/walk median: %.2f ×\n", ratio);
  printf ("target validate within %.0f× walk: %s\n", TARGET_RATIO, ratio < TARGET_RATIO ? "PASS" : "MISS");

  return 0;
}
