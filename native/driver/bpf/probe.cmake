# The CO-RE eBPF probe and the live engine that loads it.
#
# Included by native/scap/CMakeLists.txt. Builds:
#   vmlinux.h            from the running kernel's BTF (bpftool), never committed
#   <file>.bpf.o         one object per program file (clang -target bpf)
#   sinspect_probe.o     all objects statically linked (bpftool gen object)
#   sinspect_probe.skel.h  the skeleton embedding it (bpftool gen skeleton)
# and adds the engine sources, libbpf and SINSPECT_HAVE_BPF to the addon target
# (SINSPECT_ADDON_TARGET, default ${PROJECT_NAME}).

set(SINSPECT_BPF_DIR ${CMAKE_CURRENT_LIST_DIR})
set(SINSPECT_BPF_OUT ${CMAKE_CURRENT_BINARY_DIR}/bpf)
get_filename_component(SINSPECT_DRIVER_GENERATED ${SINSPECT_BPF_DIR}/../generated ABSOLUTE)
# Headers the probe shares with the kernel module (flag conversions).
get_filename_component(SINSPECT_DRIVER_COMMON ${SINSPECT_BPF_DIR}/../common ABSOLUTE)
if(NOT SINSPECT_ADDON_TARGET)
  set(SINSPECT_ADDON_TARGET ${PROJECT_NAME})
endif()

find_program(SINSPECT_CLANG NAMES clang clang-14 clang-15 clang-16)
find_program(SINSPECT_BPFTOOL NAMES bpftool PATHS /usr/sbin /sbin)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SINSPECT_LIBBPF REQUIRED libbpf)
if(NOT SINSPECT_CLANG)
  message(FATAL_ERROR "sinspect probe: clang not found (needed to compile the eBPF probe)")
endif()
if(NOT SINSPECT_BPFTOOL)
  message(FATAL_ERROR "sinspect probe: bpftool not found (needed for vmlinux.h and the skeleton)")
endif()

file(GLOB_RECURSE SINSPECT_BPF_SOURCES CONFIGURE_DEPENDS ${SINSPECT_BPF_DIR}/*.bpf.c)
file(GLOB_RECURSE SINSPECT_BPF_HEADERS CONFIGURE_DEPENDS
  ${SINSPECT_BPF_DIR}/helpers/*.h ${SINSPECT_BPF_DIR}/shared/*.h ${SINSPECT_DRIVER_GENERATED}/*.h
  ${SINSPECT_DRIVER_COMMON}/*.h)

add_custom_command(
  OUTPUT ${SINSPECT_BPF_OUT}/vmlinux.h
  COMMAND ${CMAKE_COMMAND} -E make_directory ${SINSPECT_BPF_OUT}
  COMMAND sh ${SINSPECT_BPF_DIR}/gen-vmlinux.sh ${SINSPECT_BPF_OUT}/vmlinux.h
  DEPENDS ${SINSPECT_BPF_DIR}/gen-vmlinux.sh
  COMMENT "sinspect probe: vmlinux.h from /sys/kernel/btf/vmlinux"
  VERBATIM)

set(SINSPECT_BPF_OBJECTS)
foreach(src ${SINSPECT_BPF_SOURCES})
  file(RELATIVE_PATH rel ${SINSPECT_BPF_DIR} ${src})
  string(REPLACE "/" "__" objname ${rel})
  set(obj ${SINSPECT_BPF_OUT}/obj/${objname}.o)
  add_custom_command(
    OUTPUT ${obj}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SINSPECT_BPF_OUT}/obj
    COMMAND ${SINSPECT_CLANG} -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_x86
            -Wall -Wno-unused-function -Wno-unused-variable
            -I${SINSPECT_BPF_OUT} -I${SINSPECT_DRIVER_GENERATED} -I${SINSPECT_DRIVER_COMMON} -I${SINSPECT_BPF_DIR}
            -c ${src} -o ${obj}
    DEPENDS ${src} ${SINSPECT_BPF_HEADERS} ${SINSPECT_BPF_OUT}/vmlinux.h
    COMMENT "sinspect probe: ${rel}"
    VERBATIM)
  list(APPEND SINSPECT_BPF_OBJECTS ${obj})
endforeach()

add_custom_command(
  OUTPUT ${SINSPECT_BPF_OUT}/sinspect_probe.skel.h
  COMMAND ${SINSPECT_BPFTOOL} gen object ${SINSPECT_BPF_OUT}/sinspect_probe.o ${SINSPECT_BPF_OBJECTS}
  COMMAND sh -c "${SINSPECT_BPFTOOL} gen skeleton ${SINSPECT_BPF_OUT}/sinspect_probe.o name sinspect_probe > ${SINSPECT_BPF_OUT}/sinspect_probe.skel.h.tmp"
  COMMAND ${CMAKE_COMMAND} -E rename ${SINSPECT_BPF_OUT}/sinspect_probe.skel.h.tmp ${SINSPECT_BPF_OUT}/sinspect_probe.skel.h
  DEPENDS ${SINSPECT_BPF_OBJECTS}
  COMMENT "sinspect probe: link and generate the skeleton"
  VERBATIM)

add_custom_target(sinspect_probe DEPENDS ${SINSPECT_BPF_OUT}/sinspect_probe.skel.h)

set(SINSPECT_BPF_ENGINE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/../../scap/src/engine_bpf.c
  ${CMAKE_CURRENT_LIST_DIR}/../../scap/src/engine_bpf_rings.c
  ${CMAKE_CURRENT_LIST_DIR}/../../scap/src/engine_bpf_binding.cc)

if(TARGET ${SINSPECT_ADDON_TARGET})
  target_sources(${SINSPECT_ADDON_TARGET} PRIVATE ${SINSPECT_BPF_ENGINE_SOURCES})
  target_include_directories(${SINSPECT_ADDON_TARGET} PRIVATE
    ${SINSPECT_BPF_OUT} ${SINSPECT_BPF_DIR}/shared ${SINSPECT_DRIVER_GENERATED})
  target_link_libraries(${SINSPECT_ADDON_TARGET} ${SINSPECT_LIBBPF_LINK_LIBRARIES} elf z)
  target_compile_definitions(${SINSPECT_ADDON_TARGET} PRIVATE SINSPECT_HAVE_BPF=1)
  add_dependencies(${SINSPECT_ADDON_TARGET} sinspect_probe)
endif()
