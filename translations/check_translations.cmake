# Fails when a translation is not in step with the source: runs lupdate over the sources into a scratch
# copy of each .ts file and looks for entries without a finished translation or whose source is gone.
# Variables: LUPDATE, OPTIONS, INPUTS, TS_FILES (;-lists), SCRATCH (a folder).
file(MAKE_DIRECTORY ${SCRATCH})
set(problems "")
foreach(ts ${TS_FILES})
  get_filename_component(name ${ts} NAME)
  set(copy ${SCRATCH}/${name})
  configure_file(${ts} ${copy} COPYONLY)
  execute_process(COMMAND ${LUPDATE} ${OPTIONS} ${INPUTS} -ts ${copy}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed on ${name}:\n${out}\n${err}")
  endif()
  file(STRINGS ${copy} lines)
  set(source "")
  foreach(line IN LISTS lines)
    if(line MATCHES "<source>([^<]*)")
      set(source "${CMAKE_MATCH_1}")
    elseif(line MATCHES "<translation type=\"(unfinished|vanished|obsolete)\"")
      string(APPEND problems "  ${name}: ${CMAKE_MATCH_1}: ${source}\n")
    endif()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "translations out of step with the source; run the update_translations target "
                      "and translate:\n${problems}")
endif()
message(STATUS "translations complete: ${TS_FILES}")
