/* zicha-document-text.c — the fixed wording of the printed documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This is document content, not user interface: the Chinese wording of
 * the official templates (附件1 自查表, 附件2 自查报告模板), kept in this
 * one place and deliberately not marked for translation. The report
 * template itself is not public; its outline follows
 * ../shared/reference/form-2019.md §2 (reconstructed, see the form's own
 * 【说明】 notes). The paths name items of
 * data/forms/edu-cybersec-selfcheck-2019.json.
 */
#define G_LOG_DOMAIN "zicha-document"

#include "config.h"

#include "zicha-document-text.h"

static const char * const opening[] = {
  "根据《{notice}》要求，本单位于{report_process.start_date}至{report_process.end_date}"
  "对本单位网络安全工作开展了全面自查。现将自查情况报告如下：",
  "根据《{notice}》要求，本单位对本单位网络安全工作开展了全面自查。现将自查情况报告如下：",
  "本单位对本单位网络安全工作开展了全面自查。现将自查情况报告如下：",
  NULL
};

static const char * const unit_facts[] = {
  "本单位全称为{basic.unit_name}，统一社会信用代码为{basic.uscc}。",
  "单位地址：{basic.address}。",
  NULL
};

static const char * const organization_facts[] = {
  "本单位网络安全分管领导为{basic.leader_name}（{basic.leader_title}）。",
  "网络安全责任部门为{basic.department}，部门负责人为{basic.head_name}（{basic.head_title}），"
  "办公电话{basic.head_office_phone}，移动电话{basic.head_mobile}。",
  "责任部门联系人为{basic.contact_name}（{basic.contact_title}），"
  "办公电话{basic.contact_office_phone}，移动电话{basic.contact_mobile}。",
  "网络安全和信息化领导小组组长为{responsibility.leading_group_head}。",
  "本单位有专职网络安全工作人员{responsibility.fulltime_staff}人。",
  NULL
};

static const char * const asset_facts[] = {
  "本单位共有信息系统{basic.systems_total}个，其中第四级{basic.systems_level4}个、"
  "第三级{basic.systems_level3}个、第二级{basic.systems_level2}个、未定级{basic.systems_unrated}个。",
  "附表所列信息系统{rows:system_list.systems}个，其中已取得备案证明的{rows:system_list.systems[].filing_number}个。",
  "已开展等级测评的信息系统{basic.assessed_total}个（第四级{basic.assessed_level4}个、"
  "第三级{basic.assessed_level3}个、第二级{basic.assessed_level2}个），未测评{basic.not_assessed}个。",
  "已完成安全建设整改的信息系统{basic.rectified_total}个（第四级{basic.rectified_level4}个、"
  "第三级{basic.rectified_level3}个、第二级{basic.rectified_level2}个），未整改{basic.not_rectified}个。",
  "已开展安全自查的信息系统{basic.selfchecked_total}个（第四级{basic.selfchecked_level4}个、"
  "第三级{basic.selfchecked_level3}个、第二级{basic.selfchecked_level2}个），未自查{basic.not_selfchecked}个。",
  "本单位共有网站{rows:website_list.websites}个，其中门户网站{rows:website_list.websites[].is_portal=yes}个、"
  "对外服务重要网站{rows:website_list.websites[].is_key_service=yes}个。",
  "已识别认定关键信息基础设施{rows:cii_list.cii}项。",
  "本单位开发或运营的移动APP共{rows:app_list.apps}个。",
  "存储大量数据或公民个人信息的系统{rows:data_list.data_systems}个。",
  "本单位共有LED电子显示屏{led.led_count}块。",
  NULL
};

static const ZichaDocumentFacts basic_facts[] = {
  { unit_facts },
  { organization_facts },
  { asset_facts },
};

static const char * const process_facts[] = {
  "本次自查时间为{report_process.start_date}至{report_process.end_date}。",
  "自查采用{report_process.methods}等方式进行。",
  NULL
};

static const char * const process_narratives[] = {
  "report_process.organization",
  "report_process.scope",
  "report_process.methods_notes",
  NULL
};

static const char * const responsibility_facts[] = {
  "本单位{yn:responsibility.leading_group:已:尚未}成立网络安全和信息化领导小组。",
  "{yn:responsibility.first_responsible:已:尚未}明确主要负责人为网络安全第一责任人，"
  "{yn:responsibility.direct_responsible:已:尚未}明确分管领导为网络安全直接责任人。",
  "{yn:responsibility.department_named:已:尚未}明确网络安全管理部门，"
  "{yn:responsibility.annual_assessment:已:尚未}将网络安全工作纳入年度考核。",
  "与下属单位或工作人员签订网络安全责任书{responsibility.responsibility_letters_count}份。",
  "本年度网络安全经费{responsibility.budget}万元。",
  NULL
};

static const char * const responsibility_narratives[] = {
  "work.organization",
  "work.support",
  "responsibility.notes",
  NULL
};

static const char * const management_facts[] = {
  "网站和信息系统{yn:management.centralized:已:尚未}实行集中统一管理。",
  "外包服务商为{management.providers}，{yn:management.provider_agreements:已:尚未}签订保密协议和安全责任协议。",
  "网络日志{yn:management.logs_six_months:已:尚未}按规定留存不少于六个月。",
  "{yn:management.emergency_plan:已:尚未}制定网络安全事件应急预案。",
  "本年度开展应急演练{management.drills}次，最近一次为{management.last_drill}。",
  "本年度开展网络安全教育培训{management.training_sessions}次，参训{management.training_attendees}人次。",
  "本年度发生网络安全事件{management.incidents}起。",
  NULL
};

static const char * const management_narratives[] = {
  "work.policies",
  "work.incident_response",
  "work.training",
  "management.notes",
  NULL
};

static const char * const cii_facts[] = {
  "本单位第三级以上信息系统（网站）{cii.level3_plus}个。",
  "已认定关键信息基础设施{cii.cii_count}个。",
  "已部署的技术防护措施包括：{yes:cii.measures}。",
  NULL
};

static const char * const cii_narratives[] = {
  "work.grading_filing",
  "work.assessment",
  "work.rectification",
  "work.self_inspection",
  "work.technical_measures",
  "cii.notes",
  NULL
};

static const char * const data_facts[] = {
  "本单位存储公民个人信息的系统{data_protection.pi_systems}个，个人信息数据规模约{data_protection.pi_records}条。",
  "个人信息存储时{yn:data_protection.encrypted_at_rest:已:尚未}加密，"
  "传输时{yn:data_protection.encrypted_in_transit:已:尚未}加密。",
  "本年度发生数据泄露事件{data_protection.leaks}起。",
  NULL
};

static const char * const data_narratives[] = {
  "data_protection.notes",
  NULL
};

static const char * const led_facts[] = {
  "本单位共有LED电子显示屏{led.led_count}块，{yn:led.ledger:已:尚未}建立显示屏台账。",
  "{yn:led.content_review:已:尚未}建立信息发布审核制度，"
  "{yn:led.tamper_plan:已:尚未}制定被篡改时立即断电断网的处置预案。",
  NULL
};

static const char * const led_narratives[] = {
  "led.notes",
  NULL
};

static const ZichaDocumentArea areas[] = {
  { "responsibility", responsibility_facts, responsibility_narratives },
  { "management", management_facts, management_narratives },
  { "cii", cii_facts, cii_narratives },
  { "data_protection", data_facts, data_narratives },
  { "led", led_facts, led_narratives },
};

static const char * const problems_narratives[] = {
  "report_problems.main_problems",
  NULL
};

static const char * const next_steps_narratives[] = {
  "report_rectification.next_steps",
  NULL
};

static const char * const suggestions_narratives[] = {
  "report_suggestions.suggestions",
  NULL
};

static const ZichaDocumentText text_2019 = {
  .header_separator = "　　",
  .guidance_prefix = "填表说明：",
  .no_rows = "（无）",
  .not_applicable_cell = "/",
  .row_number = "序号",
  .band_caption = "（续表，第{part}部分，共{parts}部分）",
  .footer = "第 {page} 页 共 {pages} 页",
  .verification = "校验码：{code}",
  .revision = "第{revision}版",
  .receipt = "平台回执号：{number}（{time}接收）",
  .watermark = "草稿",
  .yes = "是",
  .no = "否",
  .na = "不适用",
  .box_checked = "☑",
  .box_empty = "☐",

  .seal_mark = "（单位公章）",
  .signature_leader = "主要负责人（签字）：",
  .signature_security = "网络安全负责人（签字）：",
  .contact = "联系人：",
  .contact_phone = "联系电话：",
  .blank_date = "年　　月　　日",
  .unit_path = "basic.unit_name",
  .contact_path = "basic.contact_name",
  .contact_phone_paths = { "basic.contact_office_phone", "basic.contact_mobile", "header.phone", NULL },

  .report_title = "{unit}网络安全执法检查自查报告",
  .addressee_suffix = "：",
  .opening = opening,
  .headings = {
    "一、基本情况",
    "二、自查工作开展情况",
    "三、网络安全工作落实情况",
    "四、存在的主要问题和风险隐患",
    "五、整改措施及整改情况",
    "六、意见和建议",
  },
  .basic_subheadings = {
    "（一）单位概况",
    "（二）网络安全组织机构和责任人",
    "（三）网络与信息系统资产概况",
  },
  .basic_facts = basic_facts,
  .process_facts = process_facts,
  .process_narratives = process_narratives,
  .areas = areas,
  .n_areas = G_N_ELEMENTS (areas),
  .problems_narratives = problems_narratives,
  .rectification_table = "report_rectification.measures",
  .next_steps_heading = "下一步工作计划：",
  .next_steps_narratives = next_steps_narratives,
  .suggestions_narratives = suggestions_narratives,
  .not_filled = "（未填写）",
};

const ZichaDocumentText *
zicha_document_text_get (void)
{
  return &text_2019;
}
