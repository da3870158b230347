/* zicha-report-private.h — construction, for the store only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "zicha-report.h"

G_BEGIN_DECLS

typedef struct
{
  const char       *uuid;
  const char       *form_id;
  const char       *form_version;
  const char       *unit_name;
  const char       *unit_code;
  int               year;
  ZichaReportState  state;
  int               revision;
  const char       *based_on_uuid;
  GDateTime        *created;
  GDateTime        *modified;
  GDateTime        *finalized;
  const char       *digest;
} ZichaReportFields;

ZichaReport *_zicha_report_new (const ZichaReportFields *fields);

G_END_DECLS
