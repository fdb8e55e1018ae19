pv_unit_test(test_util ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_util.c)
pv_unit_test(test_diag ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_diag.c)
pv_unit_test(test_session ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_session.c)
pv_unit_test(test_store ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_store.c)
pv_unit_test(test_layout ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_layout.c)
pv_unit_test(test_speech ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_speech.c LIBS pvspeech)
pv_unit_test(test_session_random ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_session_random.c)
pv_unit_test(test_report ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_report.c)
pv_unit_test(test_recordings ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_recordings.c LIBS pvapp)
pv_unit_test(test_render ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_render.c LIBS pvapp)
pv_unit_test(test_bidi ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_bidi.c)
pv_unit_test(test_person ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_person.c)
pv_unit_test(test_summary ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_summary.c)
pv_unit_test(test_admin ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_admin.c)
pv_unit_test(test_adminui ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_adminui.c)
pv_unit_test(test_store_readonly ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_store_readonly.c)
pv_unit_test(test_trace ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_trace.c)
# Once a bug (src/session/trace.c, trace_screen): text_spoken was put together in a 4096-byte
# buffer and silently cut, mid-character if it fell so.
add_test(NAME test_trace_long_text COMMAND test_trace long-text)
set_tests_properties(test_trace_long_text PROPERTIES TIMEOUT 60 ENVIRONMENT "${PV_TEST_ENV}" LABELS unit)
pv_unit_test(test_yamlx ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_yamlx.c)
# Once bugs (src/content/yamlx.c, yamlx_load; src/base/util.c, file_read_all): a second
# document that did not parse was dropped in silence, and a file of exactly the size limit was
# refused as larger than it.
add_test(NAME test_yamlx_bugs COMMAND test_yamlx bugs)
set_tests_properties(test_yamlx_bugs PROPERTIES TIMEOUT 60 ENVIRONMENT "${PV_TEST_ENV}" LABELS unit)
pv_unit_test(test_screen ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_screen.c)
