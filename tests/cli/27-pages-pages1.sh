#!/bin/bash
# 27-pages-pages1.sh - the matrix, a project's pages (view, edit, history,
# new), the dashboard, the organisations, the countries, the data-quality
# findings, the upload, the sign-in form and the error pages in Arabic,
# Russian and Chinese (?lang=): a heading or label of each in the language
# and not in English, <html lang dir> (right to left in Arabic), counts by
# each language's plural rules, dates in its words, and English where it
# is asked for.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/common.bash"

"$CTM" import annex --quiet "$DATA" >/dev/null 2>&1
equal "the matrix imports" 0 $?
PW="a long enough password"
echo "$PW" | "$CTM" user add sec --role secretariat >/dev/null 2>&1
equal "the secretariat's account is made" 0 $?
"$CTM" projects --format json --limit 500 >"$WORK/all.json" 2>/dev/null
ID=$(json 'j.projects.find(p=>p.entities.some(e=>e.key==="UNICRI")).id' "$WORK/all.json")
check "fixture sanity: a UNICRI project" -- test -n "$ID"

serve_start
check "the server starts" -- test -n "$ADDR"
B="http://$ADDR"
J=$WORK/jar
equal "the secretariat signs in: 303" 303 "$(signin sec "$PW" "$J")"

# page PATH WHO LANG ENGLISH TRANSLATION: GET PATH?lang=LANG (signed in
# when WHO is J, as the public when "-"): the translation is there, the
# English is not.
page() {
	local sep='?' jar=$J
	case $1 in *'?'*) sep='&' ;; esac
	[ "$2" = - ] && jar=
	get "$1${sep}lang=$3" $jar >/dev/null
	contains "$3: $1 says \"$5\"" "$5" "$(body)"
	lacks "  and not \"$4\"" "$4" "$(body)"
}

# The English, then the Arabic, the Russian and the Chinese, of one text
# of each page.
while IFS='|' read -r path jar en ar ru zh; do
	[ -z "$path" ] && continue
	path=${path//@ID@/$ID}
	page "$path" "$jar" ar "$en" "$ar"
	page "$path" "$jar" ru "$en" "$ru"
	page "$path" "$jar" zh "$en" "$zh"
done <<'EOF'
/|-|<h1>The matrix of projects</h1>|<h1>مصفوفة المشاريع</h1>|<h1>Матрица проектов</h1>|<h1>项目矩阵</h1>
/|-|>Sort by<|>الترتيب حسب<|>Сортировать по<|>排序方式<
/|-|>Title and period<|>العنوان والفترة<|>Название и период<|>标题和期间<
/?search=zzzznothing|-|No project matches these filters.|لا يوجد مشروع يطابق عوامل التصفية هذه.|Нет проектов, соответствующих этим фильтрам.|没有符合这些筛选条件的项目。
/projects/@ID@|-|<dt>Geographical scope</dt>|<dt>النطاق الجغرافي</dt>|<dt>Географический охват</dt>|<dt>地理范围</dt>
/projects/@ID@|-|<dt>Last changed</dt>|<dt>آخر تغيير</dt>|<dt>Последнее изменение</dt>|<dt>最后更改</dt>
/projects/@ID@/edit|J|>Countries and regions <|>البلدان والمناطق <|>Страны и регионы <|>国家和区域 <
/projects/@ID@/history|J|<h1>History</h1>|<h1>السجل</h1>|<h1>История</h1>|<h1>历史记录</h1>
/projects/new|J|<h1>New project</h1>|<h1>مشروع جديد</h1>|<h1>Новый проект</h1>|<h1>新项目</h1>
/projects/999999|-|There is no such project.|لا يوجد مشروع بهذا الرقم.|Такого проекта нет.|没有此项目。
/dashboard|-|>Projects by pillar<|>المشاريع حسب الركيزة<|>Проекты по компонентам<|>按支柱分列的项目<
/dashboard|-|<summary>The figures</summary>|<summary>الأرقام</summary>|<summary>Цифры</summary>|<summary>数据</summary>
/organisations|-|<caption>Every organisation</caption>|<caption>جميع المنظمات</caption>|<caption>Все организации</caption>|<caption>所有组织</caption>
/organisations/UNICRI|-|<caption>Its projects by pillar</caption>|<caption>مشاريعها حسب الركيزة</caption>|<caption>Её проекты по компонентам</caption>|<caption>其项目（按支柱）</caption>
/organisations/NOSUCH|-|There is no such organisation.|لا توجد منظمة بهذا الرمز.|Такой организации нет.|没有此组织。
/countries|-|<h2>Countries named by projects</h2>|<h2>البلدان التي تذكرها المشاريع</h2>|<h2>Страны, упомянутые в проектах</h2>|<h2>项目中提及的国家</h2>
/countries/MLI|-|<caption>Entities by pillar</caption>|<caption>الكيانات حسب الركيزة</caption>|<caption>Структуры по компонентам</caption>|<caption>各实体（按支柱）</caption>
/findings|J|<h1>Data quality</h1>|<h1>جودة البيانات</h1>|<h1>Качество данных</h1>|<h1>数据质量</h1>
/findings|-|Sign in to see the findings.|سجّل الدخول للاطلاع على النتائج المستخلصة.|Войдите, чтобы увидеть выявленные замечания.|请登录以查看检查结果。
/upload|J|<h2>The columns of the CSV</h2>|<h2>أعمدة ملف CSV</h2>|<h2>Столбцы CSV</h2>|<h2>CSV 的列</h2>
/upload|-|Sign in to upload projects.|سجّل الدخول لرفع المشاريع.|Войдите, чтобы загрузить проекты.|请登录以上传项目。
/login|-|<label for="password">Password</label>|<label for="password">كلمة المرور</label>|<label for="password">Пароль</label>|<label for="password">密码</label>
/nosuch|-|There is no such page.|لا توجد صفحة بهذا العنوان.|Такой страницы нет.|没有此页面。
/nosuch|-|<h1>Not Found</h1>|<h1>غير موجود</h1>|<h1>Не найдено</h1>|<h1>未找到</h1>
EOF

# --- the document's language and direction --------------------------------
for path in / "/projects/$ID" /dashboard /organisations /countries /login; do
	get "$path?lang=ar" >/dev/null
	contains "ar: $path is Arabic, right to left" '<html lang="ar" dir="rtl">' "$(body)"
	get "$path?lang=ru" >/dev/null
	contains "ru: $path is Russian, left to right" '<html lang="ru" dir="ltr">' "$(body)"
done
get "/upload?lang=zh" "$J" >/dev/null
contains "zh: /upload is Chinese" '<html lang="zh" dir="ltr">' "$(body)"

# --- counts by the plural rules, numbers, dates ------------------------------
get "/?lang=ru" >/dev/null
contains "ru: 176 projects, the plural of many" "<strong>176</strong> проектов, показаны с 1 по 50" "$(body)"
contains "ru: the pager's page of pages" "Стр. 1 из 4" "$(body)"
contains "ru: 56 in pillar II" "Компонент II: <strong>56</strong>" "$(body)"
get "/?lang=ar" >/dev/null
contains "ar: 176 projects, the form of 11 to 99" "<strong>176</strong> مشروعًا، المعروض من 1 إلى 50" "$(body)"
contains "ar: the pillars named in Arabic in the filter" '<option value="I">I: الظروف المؤدية</option>' "$(body)"
get "/?lang=zh&pillar=II" >/dev/null
contains "zh: 56 projects" "<strong>56</strong>个项目" "$(body)"
N1=$(json 'j.projects.filter(p=>p.title.includes("Sahel-Maghreb")).length' "$WORK/all.json")
equal "fixture sanity: one project says Sahel-Maghreb" 1 "$N1"
get "/?lang=ru&search=Sahel-Maghreb" >/dev/null
contains "ru: 1 project, the singular" "<strong>1</strong> проект, показаны с 1 по 1" "$(body)"
get "/?lang=ar&search=Sahel-Maghreb" >/dev/null
contains "ar: 1 project, the form of one" "<strong>1</strong> مشروع، المعروض" "$(body)"
get "/dashboard?lang=ru" >/dev/null
contains "ru: the dashboard's lead counts 176 projects" "<strong>176</strong> проектов в портфеле." "$(body)"
get "/projects/$ID?lang=ru" >/dev/null
contains "ru: the last change's date in Russian words" "$(date -u +%Y) года" "$(body)"
contains "  its machine value kept" '<time datetime="' "$(body)"
get "/projects/$ID?lang=zh" >/dev/null
contains "zh: the last change's date in Chinese" "$(date -u +%Y)年" "$(body)"
get "/organisations?lang=fr" >/dev/null
contains "fr: an organisation's kind in French" "<td>entité des Nations Unies</td>" "$(body)"

# --- English where English is asked for ---------------------------------------
get "/?lang=en" >/dev/null
contains "en: the matrix is in English" "<h1>The matrix of projects</h1>" "$(body)"
contains "en: 176 projects" "<strong>176</strong> projects, 1 to 50 shown" "$(body)"
lacks "en: no Arabic" "مصفوفة" "$(body)"
equal "?lang= is taken by the matrix (no 400)" 200 "$(get '/?lang=ar&pillar=I')"
contains "  and the filter holds" "<strong>120</strong>" "$(body)"

# --- markup stays out of the texts: a title with HTML is escaped --------------
get "/organisations/UNICRI?lang=ar" >/dev/null
contains "ar: an organisation's lead links its projects in the matrix" '<a href="/?entity=UNICRI">مشاريعها في المصفوفة</a>' "$(body)"

serve_stop
