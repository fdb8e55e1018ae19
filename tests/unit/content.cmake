# Content, easy-to-read rules, configuration and words: unit tests, and the `check` command.

pv_unit_test(test_content ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_content.c)
pv_unit_test(test_falc ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_falc.c)
pv_unit_test(test_config ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_config.c)
pv_unit_test(test_i18n ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_i18n.c)

# The template in locales/ is the one the kiosk's words and the bundled questionnaires give
# (after changing either: make pot).
add_test(NAME pot_current COMMAND ${CMAKE_COMMAND} -DPICTOVOX=$<TARGET_FILE:pictovox>
         -DPOT=${PROJECT_SOURCE_DIR}/locales/pictovox.pot -P ${CMAKE_CURRENT_SOURCE_DIR}/cli/pot_current.cmake)
set_tests_properties(pot_current PROPERTIES TIMEOUT 60 LABELS "unit;cli")

# `pictovox check`: the bundled content is clean, the broken fixtures are not, and each
# problem is printed as file:line:col: severity: message.
set(PV_BROKEN ${CMAKE_CURRENT_SOURCE_DIR}/data/content/broken)
add_test(NAME check_cli COMMAND $<TARGET_FILE:pictovox> check ${PROJECT_SOURCE_DIR}/assets)
set_tests_properties(check_cli PROPERTIES WILL_FAIL FALSE)
add_test(NAME check_cli_broken COMMAND $<TARGET_FILE:pictovox> check ${PV_BROKEN})
set_tests_properties(check_cli_broken PROPERTIES WILL_FAIL TRUE)
add_test(NAME check_cli_format COMMAND $<TARGET_FILE:pictovox> check ${PV_BROKEN})
set_tests_properties(check_cli_format PROPERTIES PASS_REGULAR_EXPRESSION
  "/broken/questionnaires/unknown-pictogram\\.yaml:8:16: error: unknown pictogram 'nope'")
add_test(NAME check_cli_warnings COMMAND $<TARGET_FILE:pictovox> check
         ${CMAKE_CURRENT_SOURCE_DIR}/data/content/warn/questionnaires/warnings.yaml)
set_tests_properties(check_cli_warnings PROPERTIES PASS_REGULAR_EXPRESSION
  "/warnings\\.yaml:9:11: warning: a sentence of 17 words")
set_tests_properties(check_cli check_cli_broken check_cli_format check_cli_warnings PROPERTIES
  TIMEOUT 60 LABELS "unit;cli")
# No usage error and no sanitizer report (WILL_FAIL would turn these into a pass).
set_tests_properties(check_cli check_cli_format check_cli_warnings PROPERTIES
  FAIL_REGULAR_EXPRESSION "usage:|AddressSanitizer|LeakSanitizer|runtime error")

# `pictovox check` on a content folder says, per language, what is translated and recorded.
add_test(NAME check_cli_languages COMMAND $<TARGET_FILE:pictovox> check ${PROJECT_SOURCE_DIR}/assets)
set_tests_properties(check_cli_languages PROPERTIES PASS_REGULAR_EXPRESSION
  "ar +العربية +[0-9]+/[0-9]+ translated \\(draft[^\n]*\n.*fr +[0-9]+/[0-9]+ recorded; missing, synthesised:\n +ui\\.start"
  TIMEOUT 60 LABELS "unit;cli")
# With a language list whose translations are partial: the count and the missing keys.
add_test(NAME check_cli_missing COMMAND $<TARGET_FILE:pictovox> check --locales
         ${CMAKE_CURRENT_SOURCE_DIR}/data/i18n ${PROJECT_SOURCE_DIR}/assets)
set_tests_properties(check_cli_missing PROPERTIES PASS_REGULAR_EXPRESSION
  "xx +Xx +1/[0-9]+ translated \\(draft\\); missing, shown in French:\n +ui\\.start +\"Touch the screen to start\""
  TIMEOUT 60 LABELS "unit;cli")
