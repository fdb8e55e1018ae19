# `make pot`: writes locales/pictovox.pot with `pictovox pot`, then merges it into every
# locales/*.po (new texts come in empty, changed ones marked fuzzy until a translator looks).
execute_process(COMMAND ${PICTOVOX} pot OUTPUT_FILE ${DIR}/pictovox.pot RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pictovox pot failed")
endif()
file(GLOB pos "${DIR}/*.po")
foreach(po ${pos})
  execute_process(COMMAND ${MSGMERGE} --quiet --update --backup=none ${po} ${DIR}/pictovox.pot
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "msgmerge failed on ${po}")
  endif()
endforeach()
