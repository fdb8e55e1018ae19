pv_unit_test(test_session ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_session.c)
pv_unit_test(test_store ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_store.c)
pv_unit_test(test_layout ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_layout.c)
pv_unit_test(test_speech ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_speech.c LIBS pvspeech)
