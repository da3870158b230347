/* cli-dengbao.h — zicha-cli dengbao REPORT [--today YYYY-MM-DD] [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 等级保护 schedule of a report's systems table
 * (ZichaDengbaoSchedule): one line per system with the due date and
 * state of its 备案, 等级测评 and 安全自查, then the summary and, for every
 * overdue duty, the suggested 存在的主要问题 sentence and 整改措施 row.
 * --today counts from another day than the local date; --json prints it
 * all as one JSON object instead. Nothing is written to the report.
 *
 * Exit status: 0 when nothing is overdue, 1 when something is (like
 * validate with errors), 2 bad usage or an unknown report.
 *
 * For the command table: parameters N_("REPORT [--today YYYY-MM-DD] [--json]"),
 * summary N_("Show the graded-protection (等级保护) filing, assessment and self-check deadlines of the systems").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int cli_dengbao_run (int    argc,
                     char **argv);

G_END_DECLS
