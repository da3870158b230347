/* zicha-code.c — typed code values: check, explain, normalize
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are documented in zicha-code.h. The facts come from
 * /work/shared/reference/form-2019.md §3.
 */
#define G_LOG_DOMAIN "zicha-code"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "zicha-code.h"

typedef struct
{
  const char *name;
  const char *label_zh;
} KindInfo;

static const KindInfo kind_info[ZICHA_N_CODE_KINDS] = {
  [ZICHA_CODE_USCC] = { "uscc", "统一社会信用代码" },
  [ZICHA_CODE_MOBILE] = { "mobile", "手机号码" },
  [ZICHA_CODE_PHONE] = { "phone", "固定电话" },
  [ZICHA_CODE_ICP] = { "icp", "ICP备案号" },
  [ZICHA_CODE_GABA] = { "gaba", "公网安备号" },
  [ZICHA_CODE_DENGBAO] = { "dengbao", "等保备案证明编号" },
  [ZICHA_CODE_IP] = { "ip", "IP地址" },
  [ZICHA_CODE_URL] = { "url", "网址" },
  [ZICHA_CODE_EMAIL] = { "email", "电子邮箱" },
  [ZICHA_CODE_POSTCODE] = { "postcode", "邮政编码" },
  [ZICHA_CODE_REGION] = { "region", "行政区划代码" },
  [ZICHA_CODE_DATE] = { "date", "日期" },
};

/* The 31 mainland province-level divisions: the one-character abbreviation
 * used in ICP备案号 and 公网安备号, and the GB/T 2260 two-digit code. */
typedef struct
{
  const char *abbr;
  const char *code;
  const char *name_zh;
  const char *name_en;
} Province;

static const Province provinces[] = {
  { "京", "11", "北京", "Beijing" },
  { "津", "12", "天津", "Tianjin" },
  { "冀", "13", "河北", "Hebei" },
  { "晋", "14", "山西", "Shanxi" },
  { "蒙", "15", "内蒙古", "Inner Mongolia" },
  { "辽", "21", "辽宁", "Liaoning" },
  { "吉", "22", "吉林", "Jilin" },
  { "黑", "23", "黑龙江", "Heilongjiang" },
  { "沪", "31", "上海", "Shanghai" },
  { "苏", "32", "江苏", "Jiangsu" },
  { "浙", "33", "浙江", "Zhejiang" },
  { "皖", "34", "安徽", "Anhui" },
  { "闽", "35", "福建", "Fujian" },
  { "赣", "36", "江西", "Jiangxi" },
  { "鲁", "37", "山东", "Shandong" },
  { "豫", "41", "河南", "Henan" },
  { "鄂", "42", "湖北", "Hubei" },
  { "湘", "43", "湖南", "Hunan" },
  { "粤", "44", "广东", "Guangdong" },
  { "桂", "45", "广西", "Guangxi" },
  { "琼", "46", "海南", "Hainan" },
  { "渝", "50", "重庆", "Chongqing" },
  { "川", "51", "四川", "Sichuan" },
  { "贵", "52", "贵州", "Guizhou" },
  { "云", "53", "云南", "Yunnan" },
  { "藏", "54", "西藏", "Tibet" },
  { "陕", "61", "陕西", "Shaanxi" },
  { "甘", "62", "甘肃", "Gansu" },
  { "青", "63", "青海", "Qinghai" },
  { "宁", "64", "宁夏", "Ningxia" },
  { "新", "65", "新疆", "Xinjiang" },
};

/* Second abbreviations that are not used in 备案号, with the one that is. */
static const struct
{
  const char *alias;
  const char *abbr;
} province_aliases[] = {
  { "黔", "贵" },
  { "滇", "云" },
  { "蜀", "川" },
  { "陇", "甘" },
  { "秦", "陕" },
};

/* GB/T 2260 province-level codes outside the mainland list above. */
static const char * const other_region_codes[] = { "71", "81", "82" };

/* GB 32100-2015 */
static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const guint uscc_weights[17] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};
static const char * const uscc_categories[] = {
  "11", "12", "13", "19",
  "21", "29",
  "31", "32", "33", "34", "35", "39",
  "41", "49",
  "51", "52", "53", "59",
  "61", "62", "69",
  "71", "72", "79",
  "81", "89",
  "91", "92", "93",
  "A1", "A9",
  "N1", "N2", "N3", "N9",
  "Y1",
};

/* GB 11714 */
static const guint org_weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };

/* Results */

static ZichaCodeCheck *
check_new (ZichaCodeStatus  status,
           char            *normalized,
           char            *message_zh,
           char            *message_en)
{
  ZichaCodeCheck *check = g_new0 (ZichaCodeCheck, 1);

  check->status = status;
  check->normalized = normalized;
  check->message_zh = message_zh;
  check->message_en = message_en;

  return check;
}

/* All three take ownership of their arguments. */
static ZichaCodeCheck *
check_ok (char *normalized)
{
  return check_new (ZICHA_CODE_OK, normalized, NULL, NULL);
}

static ZichaCodeCheck *
check_warning (char *normalized,
               char *message_zh,
               char *message_en)
{
  return check_new (ZICHA_CODE_WARNING, normalized, message_zh, message_en);
}

static ZichaCodeCheck *
check_invalid (char *message_zh,
               char *message_en)
{
  return check_new (ZICHA_CODE_INVALID, NULL, message_zh, message_en);
}

/* Small helpers */

static gboolean
is_ascii_digits (const char *s,
                 gssize      len)
{
  if (len < 0)
    len = strlen (s);
  if (len == 0)
    return FALSE;
  for (gssize i = 0; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* The first character of s that is not an ASCII digit, as a new string,
 * with its 1-based position in *position; NULL when all are digits. */
static char *
first_non_digit (const char *s,
                 glong      *position)
{
  glong pos = 1;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p), pos++)
    if (!g_ascii_isdigit (*p))
      {
        *position = pos;
        return g_utf8_substring (p, 0, 1);
      }

  return NULL;
}

static char *
remove_chars (const char *s,
              const char *unwanted)
{
  char *out = g_malloc (strlen (s) + 1);
  char *q = out;

  for (const char *p = s; *p != '\0'; p++)
    {
      const char *u = unwanted;

      while (*u != '\0' && *u != *p)
        u++;
      if (*u == '\0')
        *q++ = *p;
    }
  *q = '\0';

  return out;
}

static const Province *
province_by_abbr (const char *text)
{
  gunichar c = g_utf8_get_char (text);

  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (g_utf8_get_char (provinces[i].abbr) == c)
      return &provinces[i];

  return NULL;
}

static const Province *
province_by_code (const char *two_digits)
{
  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    if (strncmp (provinces[i].code, two_digits, 2) == 0)
      return &provinces[i];

  return NULL;
}

static gboolean
is_region_province_code (const char *two_digits)
{
  if (province_by_code (two_digits) != NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (other_region_codes); i++)
    if (strncmp (other_region_codes[i], two_digits, 2) == 0)
      return TRUE;

  return FALSE;
}

/* Explains why the first character of text is not a province abbreviation. */
static ZichaCodeCheck *
invalid_province_abbr (const char *text,
                       const char *what_zh,
                       const char *what_en)
{
  g_autofree char *first = g_utf8_substring (text, 0, 1);

  for (guint i = 0; i < G_N_ELEMENTS (province_aliases); i++)
    if (g_str_equal (first, province_aliases[i].alias))
      return check_invalid (g_strdup_printf ("%s开头应为省份简称“%s”，而不是“%s”",
                                             what_zh, province_aliases[i].abbr, first),
                            g_strdup_printf ("The %s must start with the province abbreviation “%s”, not “%s”",
                                             what_en, province_aliases[i].abbr, first));

  return check_invalid (g_strdup_printf ("%s第1个字“%s”不是内地31个省级行政区的简称（如“京”“粤”）",
                                         what_zh, first),
                        g_strdup_printf ("The %s starts with “%s”, which is not the abbreviation of one of the 31 mainland provinces (e.g. “京”, “粤”)",
                                         what_en, first));
}

/* Checks a DNS host name (Unicode names are allowed and checked in their
 * ASCII form). On failure returns FALSE and sets both messages. */
static gboolean
check_hostname (const char  *host,
                char       **message_zh,
                char       **message_en)
{
  g_autofree char *ascii = g_hostname_to_ascii (host);
  g_auto(GStrv) labels = NULL;
  guint n_labels;

  if (ascii == NULL)
    {
      *message_zh = g_strdup_printf ("域名“%s”无效", host);
      *message_en = g_strdup_printf ("The domain name “%s” is not valid", host);
      return FALSE;
    }

  if (strlen (ascii) > 253)
    {
      *message_zh = g_strdup ("域名太长（最多253个字符）");
      *message_en = g_strdup ("The domain name is too long (at most 253 characters)");
      return FALSE;
    }

  labels = g_strsplit (ascii, ".", -1);
  n_labels = g_strv_length (labels);
  if (n_labels < 2)
    {
      *message_zh = g_strdup_printf ("域名“%s”不完整（应包含“.”，如 www.example.edu.cn）", host);
      *message_en = g_strdup_printf ("The domain name “%s” is incomplete (it needs a “.”, e.g. www.example.edu.cn)", host);
      return FALSE;
    }

  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0)
        {
          *message_zh = g_strdup_printf ("域名“%s”中有空的一段（“.”不能连续出现，也不能在开头或结尾）", host);
          *message_en = g_strdup_printf ("The domain name “%s” has an empty label (“.” must not be doubled or at the start or end)", host);
          return FALSE;
        }
      if (len > 63)
        {
          *message_zh = g_strdup_printf ("域名“%s”中有一段超过63个字符", host);
          *message_en = g_strdup_printf ("The domain name “%s” has a label longer than 63 characters", host);
          return FALSE;
        }
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (label[j]) && label[j] != '-')
          {
            g_autofree char *bad = NULL;

            /* Report the character as the user wrote it if we can. */
            if (g_utf8_validate (label + j, -1, NULL))
              bad = g_utf8_substring (label + j, 0, 1);
            else
              bad = g_strndup (label + j, 1);
            *message_zh = g_strdup_printf ("域名“%s”中不能有字符“%s”（只能用字母、数字和“-”）", host, bad);
            *message_en = g_strdup_printf ("The domain name “%s” must not contain “%s” (only letters, digits and “-”)", host, bad);
            return FALSE;
          }
      if (label[0] == '-' || label[len - 1] == '-')
        {
          *message_zh = g_strdup_printf ("域名“%s”中的一段不能以“-”开头或结尾", host);
          *message_en = g_strdup_printf ("A label of the domain name “%s” must not start or end with “-”", host);
          return FALSE;
        }
    }

  if (is_ascii_digits (labels[n_labels - 1], -1))
    {
      *message_zh = g_strdup_printf ("“%s”既不是有效的域名，也不是有效的IP地址", host);
      *message_en = g_strdup_printf ("“%s” is neither a valid domain name nor a valid IP address", host);
      return FALSE;
    }

  return TRUE;
}

/* Normalization */

static gboolean
is_dash (gunichar c)
{
  return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2E3A || c == 0x2E3B;
}

/* Whether NFKC leaves @input as it is and the clean-up below only needs
 * to look at ASCII: valid UTF-8 of ASCII and CJK unified ideographs
 * (U+4E00–U+9FFF), which have no decompositions, never compose and are
 * neither spaces, dashes nor format characters. That is nearly every code
 * a user types (“京ICP备12345678号”), and it spares the normalizer. */
static gboolean
is_plain_text (const char *input)
{
  for (const guchar *p = (const guchar *) input; *p != '\0'; )
    {
      if (*p < 0x80)
        p++;
      else if (*p >= 0xE4 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
        {
          /* A three-byte sequence from U+4000 to U+9FFF; check the range. */
          gunichar c = ((gunichar) (*p & 0x0F) << 12) | ((gunichar) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);

          if (c < 0x4E00)
            return FALSE;
          p += 3;
        }
      else
        return FALSE;
    }

  return TRUE;
}

static char *
normalize_text (const char *input)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfkc = NULL;
  GString *out;

  if (is_plain_text (input))
    {
      char *text = g_strdup (input);

      /* The ASCII characters g_unichar_isspace() accepts (not \v). */
      for (char *p = text; *p != '\0'; p++)
        if (*p == '\t' || *p == '\n' || *p == '\f' || *p == '\r')
          *p = ' ';
      return g_strstrip (text);
    }

  valid = g_utf8_make_valid (input, -1);
  nfkc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  out = g_string_sized_new (strlen (nfkc));

  for (const char *p = nfkc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      else if (is_dash (c))
        g_string_append_c (out, '-');
      else if (c == 0x3002)  /* 。 ideographic full stop */
        g_string_append_c (out, '.');
      else if (g_unichar_isspace (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

static char *
collapse_spaces (const char *s)
{
  GString *out = g_string_sized_new (strlen (s));

  for (const char *p = s; *p != '\0'; p++)
    if (*p != ' ' || (out->len > 0 && out->str[out->len - 1] != ' '))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

char *
zicha_code_normalize (ZichaCodeKind  kind,
                      const char    *input)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail ((guint) kind < ZICHA_N_CODE_KINDS, NULL);

  text = normalize_text (input != NULL ? input : "");

  switch (kind)
    {
    case ZICHA_CODE_USCC:
    case ZICHA_CODE_ICP:
      {
        g_autofree char *compact = remove_chars (text, " ");

        return g_ascii_strup (compact, -1);
      }

    case ZICHA_CODE_PHONE:
      return collapse_spaces (text);

    case ZICHA_CODE_URL:
    case ZICHA_CODE_EMAIL:
      return g_steal_pointer (&text);

    case ZICHA_CODE_MOBILE:
    case ZICHA_CODE_GABA:
    case ZICHA_CODE_DENGBAO:
    case ZICHA_CODE_IP:
    case ZICHA_CODE_POSTCODE:
    case ZICHA_CODE_REGION:
    case ZICHA_CODE_DATE:
      return remove_chars (text, " ");

    case ZICHA_N_CODE_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* 统一社会信用代码 */

static gboolean
uscc_is_department (char c)
{
  return (c >= '1' && c <= '9') || c == 'A' || c == 'N' || c == 'Y';
}

static gboolean
uscc_is_category (const char *two)
{
  for (guint i = 0; i < G_N_ELEMENTS (uscc_categories); i++)
    if (strncmp (uscc_categories[i], two, 2) == 0)
      return TRUE;
  return FALSE;
}

static guint
uscc_value (char c)
{
  return strchr (uscc_charset, c) - uscc_charset;
}

static ZichaCodeCheck *
check_uscc (const char *text)
{
  glong length = g_utf8_strlen (text, -1);
  glong position = 1;
  guint sum = 0;
  char expected;

  if (length == 15 && is_ascii_digits (text, -1))
    return check_invalid (g_strdup ("这是15位的旧工商注册号，请填写18位统一社会信用代码"),
                          g_strdup ("This is a 15-digit registration number of the old system; enter the 18-character unified social credit code"));

  if (length != 18)
    return check_invalid (g_strdup_printf ("统一社会信用代码应为18位，实际为%ld位", length),
                          g_strdup_printf ("A unified social credit code has 18 characters, this one has %ld", length));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), position++)
    {
      g_autofree char *ch = g_utf8_substring (p, 0, 1);

      if ((guchar) *p >= 0x80 || strchr (uscc_charset, *p) == NULL)
        {
          if ((guchar) *p < 0x80 && strchr ("IOSVZ", *p) != NULL)
            return check_invalid (g_strdup_printf ("第%ld位字符“%s”不是统一社会信用代码允许的字符（不使用字母 I、O、S、V、Z）",
                                                   position, ch),
                                  g_strdup_printf ("Character %ld “%s” is not allowed in a unified social credit code (the letters I, O, S, V and Z are not used)",
                                                   position, ch));
          return check_invalid (g_strdup_printf ("第%ld位字符“%s”不是统一社会信用代码允许的字符",
                                                 position, ch),
                                g_strdup_printf ("Character %ld “%s” is not allowed in a unified social credit code",
                                                 position, ch));
        }

      if (position == 1 && !uscc_is_department (*p))
        return check_invalid (g_strdup_printf ("第1位“%s”不是有效的登记管理部门代码（应为1–9、A、N 或 Y）", ch),
                              g_strdup_printf ("Character 1 “%s” is not a valid registration authority code (1–9, A, N or Y)", ch));

      if (position == 2 && !uscc_is_category (text))
        return check_invalid (g_strdup_printf ("第2位“%s”不是登记管理部门代码“%c”下的机构类别代码", ch, text[0]),
                              g_strdup_printf ("Character 2 “%s” is not an organization category of registration authority “%c”", ch, text[0]));

      if (position >= 3 && position <= 8 && !g_ascii_isdigit (*p))
        return check_invalid (g_strdup_printf ("第%ld位“%s”应为数字（第3–8位是行政区划码）", position, ch),
                              g_strdup_printf ("Character %ld “%s” must be a digit (characters 3–8 are the administrative division code)", position, ch));
    }

  /* From here on the text is 18 ASCII characters of the charset. */
  for (guint i = 0; i < 17; i++)
    sum += uscc_value (text[i]) * uscc_weights[i];
  expected = uscc_charset[(31 - sum % 31) % 31];

  if (text[17] != expected)
    return check_invalid (g_strdup_printf ("第18位校验码应为“%c”，实际为“%c”，请核对代码是否抄错", expected, text[17]),
                          g_strdup_printf ("The check character (position 18) should be “%c”, not “%c”; check the code for typing errors", expected, text[17]));

  /* Positions 9–17: the GB 11714 organization code, with its own MOD 11
   * check character at 17. Codes issued since 2015 (e.g. 91…MA…) satisfy
   * it as well, but the national standard only guarantees position 18, so
   * a mismatch is a warning. */
  sum = 0;
  for (guint i = 0; i < 8; i++)
    {
      char c = text[8 + i];
      guint value = g_ascii_isdigit (c) ? (guint) (c - '0') : (guint) (c - 'A' + 10);

      sum += value * org_weights[i];
    }
  {
    guint r = 11 - sum % 11;

    expected = r == 10 ? 'X' : r == 11 ? '0' : (char) ('0' + r);
  }
  if (text[16] != expected)
    return check_warning (g_strdup (text),
                          g_strdup_printf ("第9–17位（组织机构代码）的校验位应为“%c”，实际为“%c”，请核对", expected, text[16]),
                          g_strdup_printf ("The organization code in positions 9–17 should end with “%c”, not “%c”; please verify", expected, text[16]));

  if (!is_region_province_code (text + 2) && strncmp (text + 2, "10", 2) != 0)
    return check_warning (g_strdup (text),
                          g_strdup_printf ("第3–4位“%.2s”不是省级行政区划代码，请核对", text + 2),
                          g_strdup_printf ("Characters 3–4 “%.2s” are not a province code; please verify", text + 2));

  return check_ok (g_strdup (text));
}

/* 手机号码 */

static gboolean
looks_like_mobile (const char *digits)
{
  return strlen (digits) == 11 && is_ascii_digits (digits, -1)
         && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

static ZichaCodeCheck *
check_mobile (const char *text)
{
  g_autofree char *compact = remove_chars (text, "-()");
  const char *digits = compact;
  g_autofree char *bad = NULL;
  glong position = 0;
  gsize len;

  if (g_str_has_prefix (digits, "+86"))
    digits += 3;
  else if (g_str_has_prefix (digits, "0086"))
    digits += 4;
  else if (g_str_has_prefix (digits, "86") && strlen (digits) == 13)
    digits += 2;
  else if (digits[0] == '+')
    return check_invalid (g_strdup ("只接受中国大陆手机号码（国家代码+86）"),
                          g_strdup ("Only mainland China mobile numbers (country code +86) are accepted"));

  bad = first_non_digit (digits, &position);
  if (bad != NULL)
    return check_invalid (g_strdup_printf ("手机号码中不能有字符“%s”", bad),
                          g_strdup_printf ("A mobile number must not contain “%s”", bad));

  len = strlen (digits);
  if (digits[0] == '0')
    return check_invalid (g_strdup ("这像是固定电话号码（以区号“0”开头），手机号码应为以“1”开头的11位数字"),
                          g_strdup ("This looks like a landline number (it starts with the area code “0”); a mobile number has 11 digits starting with “1”"));

  if (len != 11)
    return check_invalid (g_strdup_printf ("手机号码应为11位数字，实际为%zu位", len),
                          g_strdup_printf ("A mobile number has 11 digits, this one has %zu", len));

  if (digits[0] != '1')
    return check_invalid (g_strdup_printf ("手机号码应以“1”开头，而不是“%c”", digits[0]),
                          g_strdup_printf ("A mobile number starts with “1”, not “%c”", digits[0]));

  if (digits[1] < '3')
    return check_invalid (g_strdup_printf ("手机号码第2位“%c”无效（应为3–9）", digits[1]),
                          g_strdup_printf ("The second digit “%c” of a mobile number is not valid (it must be 3–9)", digits[1]));

  return check_ok (g_strdup (digits));
}

/* 固定电话 */

/* Length of the area code at the start of digits (which starts with '0'):
 * 010 and 02x have three digits, 03xx–09xx four. 0 when there is none. */
static gsize
phone_area_length (const char *digits)
{
  if (digits[0] != '0')
    return 0;
  switch (digits[1])
    {
    case '1':
      return digits[2] == '0' ? 3 : 0;
    case '2':
      return 3;
    case '3': case '4': case '5': case '6': case '7': case '8': case '9':
      return 4;
    default:
      return 0;
    }
}

static gboolean
phone_is_complete (const char *digits)
{
  gsize area = phone_area_length (digits);
  gsize len = strlen (digits);

  return area > 0 && is_ascii_digits (digits, -1) && len >= area + 7 && len <= area + 8;
}

static ZichaCodeCheck *
phone_invalid_area (const char *area)
{
  if (strlen (area) < 3)
    return check_invalid (g_strdup_printf ("区号“%s”太短（区号为3–4位，如“010”“0371”）", area),
                          g_strdup_printf ("The area code “%s” is too short (area codes have 3 or 4 digits, e.g. “010”, “0371”)", area));
  if (area[1] == '0')
    return check_invalid (g_strdup_printf ("区号“%s”无效（“00”开头的是国际长途前缀）", area),
                          g_strdup_printf ("The area code “%s” is not valid (“00” starts an international call)", area));
  if (area[1] == '1')
    return check_invalid (g_strdup_printf ("区号“%s”不存在（以“01”开头的区号只有“010”）", area),
                          g_strdup_printf ("The area code “%s” does not exist (the only area code starting with “01” is “010”)", area));
  if (area[1] == '2')
    return check_invalid (g_strdup_printf ("区号“%s”不存在（以“02”开头的区号是3位，如“021”）", area),
                          g_strdup_printf ("The area code “%s” does not exist (area codes starting with “02” have 3 digits, e.g. “021”)", area));
  return check_invalid (g_strdup_printf ("区号“%s”不存在（以“%.2s”开头的区号是4位）", area, area),
                        g_strdup_printf ("The area code “%s” does not exist (area codes starting with “%.2s” have 4 digits)", area, area));
}

/* Replaces *string with a newly allocated value. */
static void
replace_string (char **string,
                char  *value)
{
  g_free (*string);
  *string = value;
}

static ZichaCodeCheck *
check_phone (const char *text)
{
  static const char * const ext_words[] = { "分机", "转", "ext.", "ext", "x", "#" };
  g_autofree char *main_part = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *area = NULL;
  g_autofree char *digits = NULL;
  g_auto(GStrv) parts = NULL;
  const char *best = NULL;
  const char *rest;
  gsize best_len = 0;
  gsize area_len;
  gsize sub_len;
  guint n_parts;

  main_part = g_ascii_strdown (text, -1);

  /* The extension, when written with a word: 转, 分机, ext, x or #. */
  for (guint i = 0; i < G_N_ELEMENTS (ext_words); i++)
    {
      const char *hit = strstr (main_part, ext_words[i]);
      gsize len = strlen (ext_words[i]);

      if (hit != NULL && (best == NULL || hit < best || (hit == best && len > best_len)))
        {
          best = hit;
          best_len = len;
        }
    }
  if (best != NULL)
    {
      ext = remove_chars (best + best_len, " -:");
      if (!is_ascii_digits (ext, -1) || strlen (ext) > 6)
        return check_invalid (g_strdup_printf ("分机号“%s”应为1–6位数字", ext),
                              g_strdup_printf ("The extension “%s” must be 1 to 6 digits", ext));
      replace_string (&main_part, g_strndup (main_part, best - main_part));
    }

  /* Spaces only separate groups; the area code can be found without them. */
  replace_string (&main_part, remove_chars (main_part, " "));
  rest = main_part;

  /* Country code: +86 10 12345678 means 010-12345678. */
  if (g_str_has_prefix (rest, "+86") || g_str_has_prefix (rest, "0086"))
    {
      gboolean paren;
      const char *body;
      g_autofree char *body_digits = NULL;

      rest += rest[0] == '+' ? 3 : 4;
      while (*rest == '-')
        rest++;
      paren = rest[0] == '(';
      body = paren ? rest + 1 : rest;
      body_digits = remove_chars (body, "-");
      if (looks_like_mobile (body_digits))
        return check_invalid (g_strdup ("这是手机号码，请填写在移动电话栏"),
                              g_strdup ("This is a mobile number; enter it in the mobile phone field"));
      replace_string (&main_part, g_strconcat (paren ? "(" : "", body[0] == '0' ? "" : "0", body, NULL));
      rest = main_part;
    }
  else if (rest[0] == '+')
    return check_invalid (g_strdup ("只接受中国大陆固定电话号码（国家代码+86）"),
                          g_strdup ("Only mainland China landline numbers (country code +86) are accepted"));

  /* (010)12345678 */
  if (rest[0] == '(')
    {
      const char *close = strchr (rest, ')');

      if (close == NULL || close == rest + 1)
        return check_invalid (g_strdup ("括号不完整，区号应写成“(010)12345678”的形式"),
                              g_strdup ("Unbalanced parentheses; write the area code as in “(010)12345678”"));
      area = g_strndup (rest + 1, close - rest - 1);
      if (!is_ascii_digits (area, -1))
        return check_invalid (g_strdup_printf ("括号中的区号“%s”只能是数字", area),
                              g_strdup_printf ("The area code “%s” in parentheses must be digits only", area));
      rest = close + 1;
      while (*rest == '-')
        rest++;
    }
  if (strchr (rest, '(') != NULL || strchr (rest, ')') != NULL)
    return check_invalid (g_strdup ("括号只能用于区号，如“(010)12345678”"),
                          g_strdup ("Parentheses may only enclose the area code, as in “(010)12345678”"));

  parts = g_strsplit (rest, "-", -1);
  n_parts = g_strv_length (parts);
  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *bad = NULL;
      glong position = 0;

      if (parts[i][0] == '\0')
        return check_invalid (g_strdup ("“-”的位置不正确（不能连续出现，也不能在开头或结尾）"),
                              g_strdup ("Misplaced “-” (it must not be doubled or at the start or end)"));
      bad = first_non_digit (parts[i], &position);
      if (bad != NULL)
        return check_invalid (g_strdup_printf ("电话号码中不能有字符“%s”", bad),
                              g_strdup_printf ("A phone number must not contain “%s”", bad));
    }

  /* 01012345678-123, 010-12345678-123: a trailing group after a complete
   * number is the extension. */
  if (ext == NULL && n_parts >= 2 && strlen (parts[n_parts - 1]) <= 6)
    {
      g_autoptr(GString) head = g_string_new (area);

      for (guint i = 0; i + 1 < n_parts; i++)
        g_string_append (head, parts[i]);
      if (phone_is_complete (head->str))
        {
          ext = g_strdup (parts[n_parts - 1]);
          g_clear_pointer (&parts[n_parts - 1], g_free);
          n_parts--;
        }
    }

  /* 010-12345678: an explicit area code. */
  if (area == NULL && n_parts >= 2 && parts[0][0] == '0' && strlen (parts[0]) <= 4)
    {
      g_autofree char *subscriber = g_strjoinv ("", parts + 1);

      area = g_strdup (parts[0]);
      digits = g_strconcat (area, subscriber, NULL);
    }
  else
    {
      g_autofree char *joined = g_strjoinv ("", parts);

      digits = g_strconcat (area != NULL ? area : "", joined, NULL);
    }

  if (area == NULL && looks_like_mobile (digits))
    return check_invalid (g_strdup ("这是手机号码，请填写在移动电话栏"),
                          g_strdup ("This is a mobile number; enter it in the mobile phone field"));

  if (area == NULL && strlen (digits) == 10
      && (g_str_has_prefix (digits, "400") || g_str_has_prefix (digits, "800")))
    return check_invalid (g_strdup ("400/800 号码不是固定电话，请填写带区号的固定电话"),
                          g_strdup ("A 400/800 number is not a landline; enter a landline number with its area code"));

  if (digits[0] != '0')
    {
      if (strlen (digits) >= 7 && strlen (digits) <= 8)
        return check_invalid (g_strdup ("缺少区号，请写成“010-12345678”的形式"),
                              g_strdup ("The area code is missing; write the number as in “010-12345678”"));
      return check_invalid (g_strdup ("固定电话应以区号开头（区号以“0”开头，如“010-12345678”）"),
                            g_strdup ("A landline number starts with its area code (which starts with “0”, e.g. “010-12345678”)"));
    }

  area_len = phone_area_length (digits);
  if (area != NULL && (area_len == 0 || strlen (area) != area_len))
    return phone_invalid_area (area);
  if (area_len == 0)
    {
      g_autofree char *prefix = g_strndup (digits, 3);

      return phone_invalid_area (prefix);
    }

  sub_len = strlen (digits) - area_len;
  if (sub_len < 7 || sub_len > 8)
    return check_invalid (g_strdup_printf ("区号后的号码应为7–8位，实际为%zu位", sub_len),
                          g_strdup_printf ("The number after the area code has 7 or 8 digits, this one has %zu", sub_len));

  /* A local number never starts with 0 (that would be a second trunk
   * prefix). Real ones do not start with 1 either, but the placeholder
   * everybody writes, 010-12345678, does, so 1 is allowed. */
  if (digits[area_len] == '0')
    return check_invalid (g_strdup ("区号后的号码不能以“0”开头"),
                          g_strdup ("The number after the area code must not start with “0”"));

  if (ext != NULL && ext[0] == '\0')
    return check_invalid (g_strdup ("分机号为空"),
                          g_strdup ("The extension is empty"));

  {
    /* "%.*s-%s%s%s", without printf: every valid number comes here. */
    GString *normalized = g_string_sized_new (strlen (digits) + 2 + (ext != NULL ? strlen (ext) : 0));

    g_string_append_len (normalized, digits, (gssize) area_len);
    g_string_append_c (normalized, '-');
    g_string_append (normalized, digits + area_len);
    if (ext != NULL)
      {
        g_string_append_c (normalized, '-');
        g_string_append (normalized, ext);
      }
    return check_ok (g_string_free (normalized, FALSE));
  }
}

/* ICP备案号 */

static ZichaCodeCheck *
check_icp (const char *text)
{
  const Province *province = province_by_abbr (text);
  const char *p;
  const char *number;
  gboolean licence;
  gsize n_digits;

  if (province == NULL)
    return invalid_province_abbr (text, "ICP备案号", "ICP filing number");

  p = g_utf8_next_char (text);
  if (!g_str_has_prefix (p, "ICP"))
    return check_invalid (g_strdup_printf ("省份简称“%s”后应为“ICP”", province->abbr),
                          g_strdup_printf ("“ICP” must follow the province abbreviation “%s”", province->abbr));
  p += 3;

  if (g_str_has_prefix (p, "备案"))
    return check_invalid (g_strdup ("应写作“ICP备”，而不是“ICP备案”"),
                          g_strdup ("Write “ICP备”, not “ICP备案”"));
  if (g_str_has_prefix (p, "备"))
    licence = FALSE;
  else if (g_str_has_prefix (p, "证"))
    licence = TRUE;
  else
    return check_invalid (g_strdup ("“ICP”后应为“备”（备案号）或“证”（经营许可证号）"),
                          g_strdup ("“ICP” must be followed by “备” (filing number) or “证” (licence number)"));
  p = g_utf8_next_char (p);

  number = p;
  while (g_ascii_isdigit (*p))
    p++;
  n_digits = p - number;

  if (n_digits == 0)
    return check_invalid (g_strdup_printf ("“ICP%s”后应为数字编号", licence ? "证" : "备"),
                          g_strdup_printf ("A number must follow “ICP%s”", licence ? "证" : "备"));
  if (licence && n_digits != 6)
    return check_invalid (g_strdup_printf ("ICP证编号应为6位数字，实际为%zu位", n_digits),
                          g_strdup_printf ("An ICP licence number has 6 digits, this one has %zu", n_digits));
  if (!licence && (n_digits < 6 || n_digits > 10))
    return check_invalid (g_strdup_printf ("ICP备案编号应为6–10位数字，实际为%zu位", n_digits),
                          g_strdup_printf ("An ICP filing number has 6 to 10 digits, this one has %zu", n_digits));

  if (!g_str_has_prefix (p, "号"))
    {
      g_autofree char *next = *p != '\0' ? g_utf8_substring (p, 0, 1) : NULL;

      if (next == NULL || g_str_equal (next, "-"))
        return check_invalid (g_strdup ("编号后缺少“号”字（如“京ICP备12345678号-1”）"),
                              g_strdup ("“号” is missing after the number (e.g. “京ICP备12345678号-1”)"));
      return check_invalid (g_strdup_printf ("编号后应为“号”，而不是“%s”", next),
                            g_strdup_printf ("The number must be followed by “号”, not “%s”", next));
    }
  p = g_utf8_next_char (p);

  if (*p == '-')
    {
      const char *suffix = p + 1;

      if (!is_ascii_digits (suffix, -1) || strlen (suffix) > 3 || suffix[0] == '0')
        return check_invalid (g_strdup_printf ("“号”后的网站序号“%s”应为“-”加1–3位数字（如“-1”）", p),
                              g_strdup_printf ("The site number “%s” after “号” must be “-” and 1 to 3 digits (e.g. “-1”)", p));
    }
  else if (*p != '\0')
    return check_invalid (g_strdup_printf ("“号”后多了“%s”", p),
                          g_strdup_printf ("Unexpected “%s” after “号”", p));

  return check_ok (g_strdup (text));
}

/* 公网安备号 */

static ZichaCodeCheck *
check_gaba (const char *text)
{
  const Province *province = province_by_abbr (text);
  const Province *by_code;
  const char *p;
  const char *number;
  gsize n_digits;
  g_autofree char *normalized = NULL;

  if (province == NULL)
    return invalid_province_abbr (text, "公网安备号", "public security filing number");

  p = g_utf8_next_char (text);
  if (!g_str_has_prefix (p, "公网安备"))
    return check_invalid (g_strdup_printf ("省份简称“%s”后应为“公网安备”", province->abbr),
                          g_strdup_printf ("“公网安备” must follow the province abbreviation “%s”", province->abbr));
  p += strlen ("公网安备");

  number = p;
  while (g_ascii_isdigit (*p))
    p++;
  n_digits = p - number;

  if (n_digits == 0)
    return check_invalid (g_strdup ("“公网安备”后应为数字编号"),
                          g_strdup ("A number must follow “公网安备”"));

  if (!g_str_equal (p, "号"))
    {
      if (*p == '\0')
        return check_invalid (g_strdup ("编号后缺少“号”字（如“京公网安备 11010502030143号”）"),
                              g_strdup ("“号” is missing after the number (e.g. “京公网安备 11010502030143号”)"));
      return check_invalid (g_strdup_printf ("编号后应只有一个“号”字，而不是“%s”", p),
                            g_strdup_printf ("The number must be followed by “号” only, not “%s”", p));
    }

  if (n_digits != 14 && n_digits != 12)
    return check_invalid (g_strdup_printf ("公网安备编号应为14位数字，实际为%zu位", n_digits),
                          g_strdup_printf ("A public security filing number has 14 digits, this one has %zu", n_digits));

  by_code = province_by_code (number);
  if (by_code != province)
    {
      if (by_code == NULL)
        return check_invalid (g_strdup_printf ("编号前两位“%.2s”不是省级行政区划代码（%s应为“%s”）",
                                               number, province->name_zh, province->code),
                              g_strdup_printf ("The first two digits “%.2s” are not a province code (%s is “%s”)",
                                               number, province->name_en, province->code));
      return check_invalid (g_strdup_printf ("编号前两位“%.2s”是%s（%s）的代码，与“%s”不一致（%s应为“%s”）",
                                             number, by_code->name_zh, by_code->abbr, province->abbr,
                                             province->name_zh, province->code),
                            g_strdup_printf ("The first two digits “%.2s” are the code of %s (%s), which does not match “%s” (%s is “%s”)",
                                             number, by_code->name_en, by_code->abbr, province->abbr,
                                             province->name_en, province->code));
    }

  {
    g_autofree char *digits = g_strndup (number, n_digits);

    normalized = g_strconcat (province->abbr, "公网安备 ", digits, "号", NULL);
  }

  if (n_digits == 12)
    return check_warning (g_steal_pointer (&normalized),
                          g_strdup ("这是旧式12位编号，现行编号为14位，请核对"),
                          g_strdup ("This is an old 12-digit number; current numbers have 14 digits, please verify"));

  return check_ok (g_steal_pointer (&normalized));
}

/* 等保备案证明编号 */

static ZichaCodeCheck *
check_dengbao (const char *text)
{
  g_autofree char *digits = remove_chars (text, "-");
  g_autofree char *bad = NULL;
  const char *dash = strchr (text, '-');
  glong position = 0;
  gsize n_digits;

  bad = first_non_digit (digits, &position);
  if (bad != NULL)
    return check_invalid (g_strdup_printf ("备案证明编号中不能有字符“%s”（只能是数字和“-”）", bad),
                          g_strdup_printf ("The filing certificate number must not contain “%s” (only digits and “-”)", bad));

  n_digits = strlen (digits);
  if (n_digits == 11)
    return check_invalid (g_strdup ("只有11位，缺少5位系统编号（11位的是备案单位编号）"),
                          g_strdup ("Only 11 digits: the 5-digit system number is missing (11 digits are the unit's filing number)"));
  if (n_digits != 16)
    return check_invalid (g_strdup_printf ("备案证明编号应为16位数字（11位备案单位编号＋5位系统编号），实际为%zu位", n_digits),
                          g_strdup_printf ("A filing certificate number has 16 digits (11-digit unit number + 5-digit system number), this one has %zu", n_digits));

  if (dash != NULL && (dash != text + 11 || strchr (dash + 1, '-') != NULL))
    return check_invalid (g_strdup ("“-”应在第11位数字之后（如“11010513001-00001”）"),
                          g_strdup ("The “-” belongs after the 11th digit (e.g. “11010513001-00001”)"));

  if (province_by_code (digits) == NULL && strncmp (digits, "00", 2) != 0)
    return check_warning (g_strdup_printf ("%.11s-%s", digits, digits + 11),
                          g_strdup_printf ("前两位“%.2s”不是省级行政区划代码（受理公安机关代码通常以省级代码开头），请核对", digits),
                          g_strdup_printf ("The first two digits “%.2s” are not a province code (the police authority code usually starts with one); please verify", digits));

  return check_ok (g_strdup_printf ("%.11s-%s", digits, digits + 11));
}

/* IP地址 */

static ZichaCodeCheck *
ip_explain_invalid (const char *text)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  if (strchr (text, '%') != NULL)
    return check_invalid (g_strdup ("不支持带接口标识（“%…”）的地址"),
                          g_strdup ("Addresses with a zone index (“%…”) are not supported"));

  if (strchr (text, ':') != NULL && strchr (text, '.') != NULL
      && strchr (text, ':') == strrchr (text, ':'))
    return check_invalid (g_strdup ("IP地址中不能带端口号"),
                          g_strdup ("An IP address must not include a port number"));

  if (strchr (text, ':') != NULL)
    return check_invalid (g_strdup_printf ("“%s”不是有效的IPv6地址", text),
                          g_strdup_printf ("“%s” is not a valid IPv6 address", text));

  if (strspn (text, "0123456789.") != strlen (text))
    return check_invalid (g_strdup_printf ("“%s”不是IP地址（IPv4地址形如“192.168.1.10”）", text),
                          g_strdup_printf ("“%s” is not an IP address (an IPv4 address looks like “192.168.1.10”)", text));

  parts = g_strsplit (text, ".", -1);
  n_parts = g_strv_length (parts);
  if (n_parts != 4)
    return check_invalid (g_strdup_printf ("IPv4地址应为4段数字，实际为%u段", n_parts),
                          g_strdup_printf ("An IPv4 address has 4 numbers, this one has %u", n_parts));

  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i][0] == '\0')
        return check_invalid (g_strdup_printf ("第%u段为空", i + 1),
                              g_strdup_printf ("Number %u is empty", i + 1));
      if (parts[i][0] == '0' && parts[i][1] != '\0')
        {
          const char *significant = parts[i] + strspn (parts[i], "0");

          if (*significant == '\0')
            significant = "0";
          return check_invalid (g_strdup_printf ("第%u段“%s”有前导零，含义不明确（可能被当作八进制），请写成“%s”",
                                                 i + 1, parts[i], significant),
                                g_strdup_printf ("Number %u “%s” has a leading zero, which is ambiguous (it may be read as octal); write “%s”",
                                                 i + 1, parts[i], significant));
        }
      if (strlen (parts[i]) > 3 || g_ascii_strtoull (parts[i], NULL, 10) > 255)
        return check_invalid (g_strdup_printf ("第%u段“%s”超出范围（应为0–255）", i + 1, parts[i]),
                              g_strdup_printf ("Number %u “%s” is out of range (0–255)", i + 1, parts[i]));
    }

  return check_invalid (g_strdup_printf ("“%s”不是有效的IPv4地址", text),
                        g_strdup_printf ("“%s” is not a valid IPv4 address", text));
}

static ZichaCodeCheck *
check_ip (const char *text)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);
  g_autofree char *normalized = NULL;

  /* GInetAddress accepts exactly the dotted quad (no octal, hex or short
   * forms, no leading zeros) and standard IPv6 text. */
  if (address == NULL || strchr (text, '%') != NULL)
    return ip_explain_invalid (text);

  normalized = g_inet_address_to_string (address);

  if (g_inet_address_get_is_loopback (address))
    return check_warning (g_steal_pointer (&normalized),
                          g_strdup ("这是本机回环地址，其他计算机无法通过它访问，请核对"),
                          g_strdup ("This is a loopback address, which other computers cannot reach; please verify"));
  if (g_inet_address_get_is_any (address))
    return check_warning (g_steal_pointer (&normalized),
                          g_strdup ("这是未指定地址（全零），不是某台主机的地址，请核对"),
                          g_strdup ("This is the unspecified (all-zero) address, not the address of a host; please verify"));
  if (g_inet_address_get_is_multicast (address))
    return check_warning (g_steal_pointer (&normalized),
                          g_strdup ("这是组播地址，不是某台主机的地址，请核对"),
                          g_strdup ("This is a multicast address, not the address of a host; please verify"));
  if (g_inet_address_get_is_link_local (address))
    return check_warning (g_steal_pointer (&normalized),
                          g_strdup ("这是链路本地地址，只在本网段内有效，请核对"),
                          g_strdup ("This is a link-local address, valid only on the local link; please verify"));

  return check_ok (g_steal_pointer (&normalized));
}

/* 网址 */

static ZichaCodeCheck *
check_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) encoded = NULL;
  g_autoptr(GUri) canonical = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefixed = NULL;
  g_autofree char *host = NULL;
  g_autofree char *message_zh = NULL;
  g_autofree char *message_en = NULL;
  const char *scheme;
  gboolean assumed_scheme = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == ' ')
      return check_invalid (g_strdup ("网址中不能有空格"),
                            g_strdup ("A web address must not contain spaces"));

  /* A bare host (www.example.edu.cn, www.example.edu.cn/path) is what many
   * people write in a 网址 field. Accept it as http:// when, prefixed so,
   * it is an http URL with a valid host; refuse anything with “@” so that
   * mailto:user@host is not read as a host with a user name. */
  if (strstr (text, "://") == NULL)
    {
      const char *scheme_end = strchr (text, ':');

      /* mailto:…, javascript:…, tel:… — but not www.example.cn:8080 */
      if (strchr (text, '@') != NULL
          || (g_uri_peek_scheme (text) != NULL && scheme_end != NULL
              && !g_ascii_isdigit (scheme_end[1])))
        return check_invalid (g_strdup ("网址应以“http://”或“https://”开头"),
                              g_strdup ("A web address must start with “http://” or “https://”"));
      prefixed = g_strconcat ("http://", text, NULL);
      assumed_scheme = TRUE;
    }

  uri = g_uri_parse (prefixed != NULL ? prefixed : text, G_URI_FLAGS_NONE, &error);
  if (uri == NULL)
    {
      if (g_error_matches (error, G_URI_ERROR, G_URI_ERROR_BAD_PORT))
        return check_invalid (g_strdup ("网址中的端口号无效（应为1–65535）"),
                              g_strdup ("The port in the web address is not valid (1–65535)"));
      return check_invalid (g_strdup_printf ("“%s”不是有效的网址", text),
                            g_strdup_printf ("“%s” is not a valid web address", text));
    }

  scheme = g_uri_get_scheme (uri);
  if (!g_str_equal (scheme, "http") && !g_str_equal (scheme, "https"))
    return check_invalid (g_strdup_printf ("只接受“http://”或“https://”开头的网址，这里是“%s”", scheme),
                          g_strdup_printf ("Only “http://” and “https://” addresses are accepted, not “%s”", scheme));

  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return check_invalid (g_strdup ("网址缺少主机名（如“www.example.edu.cn”）"),
                          g_strdup ("The web address has no host name (e.g. “www.example.edu.cn”)"));

  if (g_hostname_is_ip_address (g_uri_get_host (uri)))
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (g_uri_get_host (uri));

      if (address == NULL)
        return check_invalid (g_strdup_printf ("网址中的IP地址“%s”无效", g_uri_get_host (uri)),
                              g_strdup_printf ("The IP address “%s” in the web address is not valid", g_uri_get_host (uri)));
      host = g_inet_address_to_string (address);
    }
  else
    {
      if (!check_hostname (g_uri_get_host (uri), &message_zh, &message_en))
        return check_invalid (g_steal_pointer (&message_zh), g_steal_pointer (&message_en));
      host = g_utf8_strdown (g_uri_get_host (uri), -1);
    }

  /* The checks above use the decoded form (G_URI_FLAGS_NONE, which also
   * rejects broken %-escapes). The canonical string keeps the user's
   * %-escapes as they are (a%2Fb must not become a/b), so it is built from
   * the still-encoded components; only the host is rewritten. */
  encoded = g_uri_parse (prefixed != NULL ? prefixed : text, G_URI_FLAGS_ENCODED, NULL);
  g_assert (encoded != NULL);
  canonical = g_uri_build (G_URI_FLAGS_ENCODED, scheme, g_uri_get_userinfo (encoded), host,
                           g_uri_get_port (encoded), g_uri_get_path (encoded),
                           g_uri_get_query (encoded), g_uri_get_fragment (encoded));

  if (g_uri_get_userinfo (uri) != NULL)
    return check_warning (g_uri_to_string (canonical),
                          g_strdup ("网址中含有用户名或密码，请去掉"),
                          g_strdup ("The web address contains a user name or password; please remove it"));

  if (assumed_scheme)
    return check_warning (g_uri_to_string (canonical),
                          g_strdup ("未写“http://”或“https://”，已按“http://”补全，请核对"),
                          g_strdup ("No “http://” or “https://” was given; “http://” was assumed, please verify"));

  return check_ok (g_uri_to_string (canonical));
}

/* 电子邮箱 */

static ZichaCodeCheck *
check_email (const char *text)
{
  static const char atext[] = "!#$%&'*+/=?^_`{|}~-";
  const char *at = strchr (text, '@');
  g_autofree char *local = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *message_zh = NULL;
  g_autofree char *message_en = NULL;

  if (strchr (text, ' ') != NULL)
    return check_invalid (g_strdup ("电子邮箱中不能有空格"),
                          g_strdup ("An e-mail address must not contain spaces"));
  if (at == NULL)
    return check_invalid (g_strdup ("电子邮箱缺少“@”"),
                          g_strdup ("The e-mail address has no “@”"));
  if (strchr (at + 1, '@') != NULL)
    return check_invalid (g_strdup ("电子邮箱只能有一个“@”"),
                          g_strdup ("An e-mail address has exactly one “@”"));

  local = g_strndup (text, at - text);
  domain = g_strdup (at + 1);

  if (local[0] == '\0')
    return check_invalid (g_strdup ("“@”前缺少用户名"),
                          g_strdup ("The user name before “@” is missing"));
  if (strlen (local) > 64)
    return check_invalid (g_strdup ("“@”前的用户名太长（最多64个字符）"),
                          g_strdup ("The user name before “@” is too long (at most 64 characters)"));
  for (const char *p = local; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_ascii_isalnum (*p) && *p != '.' && strchr (atext, *p) == NULL)
      {
        g_autofree char *bad = g_utf8_substring (p, 0, 1);

        return check_invalid (g_strdup_printf ("“@”前的用户名中不能有字符“%s”", bad),
                              g_strdup_printf ("The user name before “@” must not contain “%s”", bad));
      }
  if (local[0] == '.' || local[strlen (local) - 1] == '.' || strstr (local, "..") != NULL)
    return check_invalid (g_strdup ("“@”前的用户名中“.”不能在开头、结尾或连续出现"),
                          g_strdup ("In the user name before “@”, “.” must not be at the start or end or doubled"));

  if (domain[0] == '\0')
    return check_invalid (g_strdup ("“@”后缺少域名"),
                          g_strdup ("The domain after “@” is missing"));
  if (g_hostname_is_ip_address (domain) || domain[0] == '[')
    return check_invalid (g_strdup ("“@”后应为域名，不能是IP地址"),
                          g_strdup ("The part after “@” must be a domain name, not an IP address"));
  if (!check_hostname (domain, &message_zh, &message_en))
    return check_invalid (g_steal_pointer (&message_zh), g_steal_pointer (&message_en));

  {
    g_autofree char *lower = g_utf8_strdown (domain, -1);

    return check_ok (g_strconcat (local, "@", lower, NULL));
  }
}

/* 邮政编码 */

static ZichaCodeCheck *
check_six_digits (const char *text,
                  const char *what_zh,
                  const char *what_en)
{
  g_autofree char *bad = NULL;
  glong position = 0;
  glong length;

  bad = first_non_digit (text, &position);
  if (bad != NULL)
    return check_invalid (g_strdup_printf ("%s应为6位数字，第%ld位“%s”不是数字", what_zh, position, bad),
                          g_strdup_printf ("%s has 6 digits; character %ld “%s” is not a digit", what_en, position, bad));

  length = strlen (text);
  if (length != 6)
    return check_invalid (g_strdup_printf ("%s应为6位数字，实际为%ld位", what_zh, length),
                          g_strdup_printf ("%s has 6 digits, this one has %ld", what_en, length));

  return NULL;
}

static ZichaCodeCheck *
check_postcode (const char *text)
{
  ZichaCodeCheck *check = check_six_digits (text, "邮政编码", "A postal code");

  if (check != NULL)
    return check;

  if (text[0] == '9')
    return check_invalid (g_strdup ("内地邮政编码不以“9”开头（邮区首位为0–8）"),
                          g_strdup ("Mainland postal codes do not start with “9” (zones are 0–8)"));
  if (text[0] == '0' && text[1] == '0')
    return check_invalid (g_strdup ("邮政编码不以“00”开头"),
                          g_strdup ("Postal codes do not start with “00”"));

  return check_ok (g_strdup (text));
}

/* 行政区划代码 */

static ZichaCodeCheck *
check_region (const char *text)
{
  ZichaCodeCheck *check = check_six_digits (text, "行政区划代码", "An administrative division code");

  if (check != NULL)
    return check;

  if (!is_region_province_code (text))
    return check_invalid (g_strdup_printf ("前两位“%.2s”不是省级行政区划代码（如北京“11”、广东“44”）", text),
                          g_strdup_printf ("The first two digits “%.2s” are not a province-level code (e.g. Beijing “11”, Guangdong “44”)", text));

  if (province_by_code (text) == NULL && !g_str_has_suffix (text, "0000"))
    return check_warning (g_strdup (text),
                          g_strdup_printf ("GB/T 2260 对“%.2s”（台湾、香港、澳门）只列出省级代码“%.2s0000”，请核对", text, text),
                          g_strdup_printf ("GB/T 2260 lists only the province-level code “%.2s0000” for “%.2s” (Taiwan, Hong Kong, Macao); please verify", text, text));

  if (text[2] == '0' && text[3] == '0' && !(text[4] == '0' && text[5] == '0'))
    return check_invalid (g_strdup_printf ("第3–4位为“00”（省级）时第5–6位也应为“00”，这里是“%s”", text + 4),
                          g_strdup_printf ("When digits 3–4 are “00” (province level), digits 5–6 must be “00” too, not “%s”", text + 4));

  return check_ok (g_strdup (text));
}

/* 日期 */

static ZichaCodeCheck *
check_date (const char *text)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *sep1 = NULL;
  g_autofree char *sep2 = NULL;
  g_autofree char *day_mark = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *day_text = NULL;
  guint year;
  guint month;
  guint day;
  gboolean separators_ok;

  regex = g_regex_new ("^([0-9]{4})(-|/|\\.|年)([0-9]{1,2})(-|/|\\.|月)([0-9]{1,2})(日?)$",
                       G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (regex != NULL);

  if (!g_regex_match (regex, text, 0, &match))
    return check_invalid (g_strdup_printf ("“%s”不是日期，请写成“2019-07-10”或“2019年7月10日”", text),
                          g_strdup_printf ("“%s” is not a date; write it as “2019-07-10”", text));

  year_text = g_match_info_fetch (match, 1);
  sep1 = g_match_info_fetch (match, 2);
  month_text = g_match_info_fetch (match, 3);
  sep2 = g_match_info_fetch (match, 4);
  day_text = g_match_info_fetch (match, 5);
  day_mark = g_match_info_fetch (match, 6);

  if (g_str_equal (sep1, "年"))
    separators_ok = g_str_equal (sep2, "月") && g_str_equal (day_mark, "日");
  else
    separators_ok = g_str_equal (sep1, sep2) && day_mark[0] == '\0';
  if (!separators_ok)
    return check_invalid (g_strdup_printf ("“%s”的分隔符不一致，请写成“2019-07-10”或“2019年7月10日”", text),
                          g_strdup_printf ("“%s” mixes separators; write it as “2019-07-10”", text));

  year = g_ascii_strtoull (year_text, NULL, 10);
  month = g_ascii_strtoull (month_text, NULL, 10);
  day = g_ascii_strtoull (day_text, NULL, 10);

  if (year < 1990 || year > 2100)
    return check_invalid (g_strdup_printf ("年份“%u”超出范围（应在1990–2100年之间）", year),
                          g_strdup_printf ("The year %u is out of range (1990–2100)", year));
  if (!g_date_valid_month (month))
    return check_invalid (g_strdup_printf ("月份“%s”无效（应为1–12）", month_text),
                          g_strdup_printf ("The month “%s” is not valid (1–12)", month_text));
  if (!g_date_valid_dmy (day, month, year))
    {
      guint8 days = g_date_get_days_in_month (month, year);

      if (month == 2 && day == 29)
        return check_invalid (g_strdup_printf ("%u年不是闰年，2月没有29日", year),
                              g_strdup_printf ("%u is not a leap year; February has no 29th", year));
      return check_invalid (g_strdup_printf ("%u年%u月没有%u日（这个月有%u天）", year, month, day, days),
                            g_strdup_printf ("Day %u does not exist in %04u-%02u (that month has %u days)", day, year, month, days));
    }

  {
    g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 0, 0, 0);

    return check_ok (g_date_time_format (date, "%Y-%m-%d"));
  }
}

/* Public API */

ZichaCodeCheck *
zicha_code_check (ZichaCodeKind  kind,
                  const char    *input)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail ((guint) kind < ZICHA_N_CODE_KINDS, NULL);

  if (input != NULL && !g_utf8_validate (input, -1, NULL))
    return check_invalid (g_strdup ("包含无效的字符编码"),
                          g_strdup ("Contains an invalid character encoding"));

  text = zicha_code_normalize (kind, input);
  if (text[0] == '\0')
    return check_invalid (g_strdup ("未填写"), g_strdup ("Empty"));

  switch (kind)
    {
    case ZICHA_CODE_USCC:
      return check_uscc (text);
    case ZICHA_CODE_MOBILE:
      return check_mobile (text);
    case ZICHA_CODE_PHONE:
      return check_phone (text);
    case ZICHA_CODE_ICP:
      return check_icp (text);
    case ZICHA_CODE_GABA:
      return check_gaba (text);
    case ZICHA_CODE_DENGBAO:
      return check_dengbao (text);
    case ZICHA_CODE_IP:
      return check_ip (text);
    case ZICHA_CODE_URL:
      return check_url (text);
    case ZICHA_CODE_EMAIL:
      return check_email (text);
    case ZICHA_CODE_POSTCODE:
      return check_postcode (text);
    case ZICHA_CODE_REGION:
      return check_region (text);
    case ZICHA_CODE_DATE:
      return check_date (text);
    case ZICHA_N_CODE_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
zicha_code_check_free (ZichaCodeCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->normalized);
  g_free (check->message_zh);
  g_free (check->message_en);
  g_free (check);
}

gboolean
zicha_code_kind_from_name (const char    *name,
                           ZichaCodeKind *kind)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < ZICHA_N_CODE_KINDS; i++)
    if (g_ascii_strcasecmp (kind_info[i].name, name) == 0)
      {
        if (kind != NULL)
          *kind = (ZichaCodeKind) i;
        return TRUE;
      }

  return FALSE;
}

const char *
zicha_code_kind_to_name (ZichaCodeKind kind)
{
  g_return_val_if_fail ((guint) kind < ZICHA_N_CODE_KINDS, NULL);

  return kind_info[kind].name;
}

const char *
zicha_code_kind_label_zh (ZichaCodeKind kind)
{
  g_return_val_if_fail ((guint) kind < ZICHA_N_CODE_KINDS, NULL);

  return kind_info[kind].label_zh;
}
