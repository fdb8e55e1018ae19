# Fails when locales/pictovox.pot is not what `pictovox pot` writes now.
execute_process(COMMAND ${PICTOVOX} pot OUTPUT_VARIABLE now RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pictovox pot failed (${rc})")
endif()
file(READ ${POT} committed)
if(NOT now STREQUAL committed)
  message(FATAL_ERROR "${POT} is out of date: run `make pot` and translate what is new")
endif()
