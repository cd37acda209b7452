# layout.cmake - the build tree laid out like an installed prefix, and the install rules
# (GNUInstallDirs). TEAM conventions:
#   build tree: build/protsim, build/libexec/protsim/protsim-NAME (links to
#               analysis/bin/), build/share/protsim/scenarios (link to scenarios/),
#               build/share/man/man1, build/share/bash-completion/completions/protsim;
#   installed:  bin/protsim, libexec/protsim/protsim-NAME, share/protsim/scenarios/,
#               share/protsim/python/protsim_analysis/, lib/libprotsim.{so,a},
#               include/protsim/*.h, lib/pkgconfig/protsim.pc, lib/cmake/protsim/,
#               share/man/man1/protsim*.1, share/bash-completion/completions/protsim.
include(CMakePackageConfigHelpers)

set(PS_LIBEXEC_SUBDIR ${CMAKE_INSTALL_LIBEXECDIR}/protsim)
set(PS_DATA_SUBDIR ${CMAKE_INSTALL_DATADIR}/protsim)

# Helper programs: analysis/bin/protsim-NAME (executables). Links are remade at every
# configure, so a removed helper leaves no stale link; a new one re-runs configure.
file(GLOB PS_HELPERS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/analysis/bin/protsim-*)
list(FILTER PS_HELPERS INCLUDE REGEX "/protsim-[a-z0-9-]+$")
file(REMOVE_RECURSE ${CMAKE_BINARY_DIR}/libexec/protsim)
file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/libexec/protsim ${CMAKE_BINARY_DIR}/share/protsim)
foreach(helper ${PS_HELPERS})
  get_filename_component(name ${helper} NAME)
  file(CREATE_LINK ${helper} ${CMAKE_BINARY_DIR}/libexec/protsim/${name} SYMBOLIC)
endforeach()
if(NOT EXISTS ${CMAKE_BINARY_DIR}/share/protsim/scenarios)
  file(CREATE_LINK ${CMAKE_SOURCE_DIR}/scenarios ${CMAKE_BINARY_DIR}/share/protsim/scenarios
       SYMBOLIC)
endif()

# Man pages (help2man) and bash completion, from the built protsim's own --help.
option(PROTSIM_MAN "Generate man pages and bash completion from --help (needs help2man)" ON)
if(PROTSIM_MAN)
  find_program(HELP2MAN help2man)
  find_program(PS_PYTHON3 python3 PATHS /usr/bin NO_DEFAULT_PATH)
  if(NOT HELP2MAN OR NOT PS_PYTHON3)
    message(FATAL_ERROR "man pages need help2man and /usr/bin/python3 "
                        "(apt-get install help2man python3), or -DPROTSIM_MAN=OFF")
  endif()
  set(PS_DOCS_STAMP ${CMAKE_BINARY_DIR}/share/protsim_docs.stamp)
  add_custom_command(
    OUTPUT ${PS_DOCS_STAMP}
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${CMAKE_BINARY_DIR}/share/man
            ${CMAKE_BINARY_DIR}/share/bash-completion
    COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 ${PS_PYTHON3}
            ${CMAKE_SOURCE_DIR}/cmake/protsim_docs.py $<TARGET_FILE:protsim>
            ${CMAKE_BINARY_DIR}/share
    COMMAND ${CMAKE_COMMAND} -E touch ${PS_DOCS_STAMP}
    DEPENDS protsim ${CMAKE_SOURCE_DIR}/cmake/protsim_docs.py
    COMMENT "Man pages and bash completion from protsim --help")
  add_custom_target(protsim_docs ALL DEPENDS ${PS_DOCS_STAMP})
  install(DIRECTORY ${CMAKE_BINARY_DIR}/share/man/man1 DESTINATION ${CMAKE_INSTALL_MANDIR})
  install(FILES ${CMAKE_BINARY_DIR}/share/bash-completion/completions/protsim
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
endif()

install(TARGETS protsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS protsim_shared protsim_core EXPORT protsimTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/protsim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(FILES ${CMAKE_BINARY_DIR}/include/protsim/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/protsim)

# CMake package: find_package(protsim) gives protsim::protsim (shared) and
# protsim::protsim_static.
set(PS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/protsim)
install(EXPORT protsimTargets NAMESPACE protsim:: DESTINATION ${PS_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/protsimConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/protsimConfig.cmake
                              INSTALL_DESTINATION ${PS_CMAKE_DIR})
# Before 1.0 a minor version may break the API, after it only a major one.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(PS_COMPATIBILITY SameMinorVersion)
else()
  set(PS_COMPATIBILITY SameMajorVersion)
endif()
write_basic_package_version_file(${CMAKE_BINARY_DIR}/protsimConfigVersion.cmake
                                 COMPATIBILITY ${PS_COMPATIBILITY})
install(FILES ${CMAKE_BINARY_DIR}/protsimConfig.cmake
        ${CMAKE_BINARY_DIR}/protsimConfigVersion.cmake DESTINATION ${PS_CMAKE_DIR})

# pkg-config, relocatable: the prefix is found from the .pc file's own folder.
set(PS_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH PS_PC_TO_PREFIX /prefix/${PS_PC_DIR} /prefix)
set(PS_PC_REQUIRES_PRIVATE "gsl libconfig hdf5")
set(PS_PC_LIBS_PRIVATE "-lhdf5_hl -lm")
if(OpenMP_C_FOUND)
  string(APPEND PS_PC_LIBS_PRIVATE " ${OpenMP_C_FLAGS}")
endif()
if(PS_MPI)
  string(APPEND PS_PC_REQUIRES_PRIVATE " ompi-c")
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/protsim.pc.in ${CMAKE_BINARY_DIR}/protsim.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/protsim.pc DESTINATION ${PS_PC_DIR})

# What protsim finds beside itself: helpers, scenarios, the Python package.
install(PROGRAMS ${PS_HELPERS} DESTINATION ${PS_LIBEXEC_SUBDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/scenarios/ DESTINATION ${PS_DATA_SUBDIR}/scenarios)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/analysis/protsim_analysis OPTIONAL
        DESTINATION ${PS_DATA_SUBDIR}/python PATTERN __pycache__ EXCLUDE)
install(FILES ${CMAKE_SOURCE_DIR}/LICENSE ${CMAKE_SOURCE_DIR}/README.md
        ${CMAKE_SOURCE_DIR}/CITATION.cff DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The classroom's worksheets and screenshots, the teacher's answers in teacher/
# (docs/classroom/README.md); the classroom page finds them from the lessons' folder.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs/classroom/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/classroom)
