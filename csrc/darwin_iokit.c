/* darwin_iokit.c: the macOS functions that need IOKit and CoreFoundation:
 * disk_io_counters, sensors_battery and, on Apple Silicon, cpu_freq.
 *
 * Two builds of this one file:
 *  - the real one (CMake on macOS; Go with `-tags psutil_iokit`, see
 *    cgo_darwin_iokit.c), linked with -framework IOKit -framework
 *    CoreFoundation;
 *  - with PSU_NO_IOKIT defined (Go without the tag, see
 *    cgo_darwin_noiokit.c): no framework headers are needed and these
 *    functions return PSU_ENOTSUP (Apple Silicon cpu_freq: no entries).
 *    This is what the zig cross-build in CI compiles, since zig ships no
 *    IOKit headers. */
#include "darwin-internal.h"

#include <string.h>

#if defined(PSU_NO_IOKIT)

int
psu_disk_io_counters(int perdisk, psu_disk_io_t **out, size_t *n,
                     psu_err_t *err) {
  (void)perdisk;
  if (out != NULL)
    *out = NULL;
  if (n != NULL)
    *n = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0,
                      "disk_io_counters: built without IOKit "
                      "(go build -tags psutil_iokit)");
}


int
psu_sensors_battery(psu_battery_t *out, int *present, psu_err_t *err) {
  if (out != NULL)
    memset(out, 0, sizeof(*out));
  if (present != NULL)
    *present = 0;
  return psu__set_err(err, PSU_ENOTSUP, 0,
                      "sensors_battery: built without IOKit "
                      "(go build -tags psutil_iokit)");
}


#if defined(__aarch64__) || defined(__arm64__)
int
psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err) {
  (void)err;
  if (out != NULL)
    *out = NULL;
  if (n != NULL)
    *n = 0;
  return 0; /* unknown: CPUFreq says ErrNotImplemented */
}
#endif

#else /* the IOKit build */

#include <CoreFoundation/CoreFoundation.h>
#include <IOKit/IOBSD.h>
#include <IOKit/IOKitLib.h>
#include <IOKit/ps/IOPSKeys.h>
#include <IOKit/ps/IOPowerSources.h>

/* From IOKit/storage/IOMedia.h and IOBlockStorageDriver.h (plain strings;
 * those headers are not in every SDK copy). */
#define PSU__IOMEDIA_CLASS "IOMedia"
#define PSU__BSD_STATS_KEY "Statistics"
#define PSU__STAT_READS "Operations (Read)"
#define PSU__STAT_WRITES "Operations (Write)"
#define PSU__STAT_BYTES_READ "Bytes (Read)"
#define PSU__STAT_BYTES_WRITTEN "Bytes (Write)"
#define PSU__STAT_READ_TIME "Total Time (Read)"
#define PSU__STAT_WRITE_TIME "Total Time (Write)"

#ifndef kIOMainPortDefault /* macOS < 12 */
#define kIOMainPortDefault 0
#endif


static uint64_t
dict_u64(CFDictionaryRef d, const char *key) {
  CFStringRef k;
  CFNumberRef v;
  int64_t x = 0;

  k = CFStringCreateWithCString(kCFAllocatorDefault, key,
                                kCFStringEncodingUTF8);
  if (k == NULL)
    return 0;
  v = (CFNumberRef)CFDictionaryGetValue(d, k);
  CFRelease(k);
  if (v == NULL || CFGetTypeID(v) != CFNumberGetTypeID() ||
      !CFNumberGetValue(v, kCFNumberSInt64Type, &x) || x < 0)
    return 0;
  return (uint64_t)x;
}


/* One whole disk: BSD name and counters of an IOMedia whose parent is an
 * IOBlockStorageDriver. 1 if filled, 0 to skip, <0 on error. */
static int
disk_stats(io_registry_entry_t disk, psu_disk_io_t *d, psu_err_t *err) {
  io_registry_entry_t parent = IO_OBJECT_NULL;
  CFMutableDictionaryRef dprops = NULL, pprops = NULL;
  CFStringRef name;
  CFDictionaryRef stats;
  CFStringRef skey;
  kern_return_t kr;
  int rc = 0;

  kr = IORegistryEntryGetParentEntry(disk, kIOServicePlane, &parent);
  if (kr != KERN_SUCCESS)
    return psu__set_err(err, PSU_ESYS, kr, "IORegistryEntryGetParentEntry");
  if (!IOObjectConformsTo(parent, "IOBlockStorageDriver"))
    goto done;
  kr = IORegistryEntryCreateCFProperties(disk, &dprops, kCFAllocatorDefault,
                                         kNilOptions);
  if (kr != KERN_SUCCESS || dprops == NULL) {
    rc = psu__set_err(err, PSU_ESYS, kr,
                      "IORegistryEntryCreateCFProperties(disk)");
    goto done;
  }
  kr = IORegistryEntryCreateCFProperties(parent, &pprops, kCFAllocatorDefault,
                                         kNilOptions);
  if (kr != KERN_SUCCESS || pprops == NULL) {
    rc = psu__set_err(err, PSU_ESYS, kr,
                      "IORegistryEntryCreateCFProperties(driver)");
    goto done;
  }
  name = (CFStringRef)CFDictionaryGetValue(dprops, CFSTR(kIOBSDNameKey));
  if (name == NULL || CFGetTypeID(name) != CFStringGetTypeID() ||
      !CFStringGetCString(name, d->name, sizeof(d->name),
                          kCFStringEncodingUTF8))
    goto done; /* no BSD name: not a disk we can report */
  skey = CFStringCreateWithCString(kCFAllocatorDefault, PSU__BSD_STATS_KEY,
                                   kCFStringEncodingUTF8);
  stats = skey ? (CFDictionaryRef)CFDictionaryGetValue(pprops, skey) : NULL;
  if (skey)
    CFRelease(skey);
  if (stats == NULL || CFGetTypeID(stats) != CFDictionaryGetTypeID())
    goto done;
  d->read_count = dict_u64(stats, PSU__STAT_READS);
  d->write_count = dict_u64(stats, PSU__STAT_WRITES);
  d->read_bytes = dict_u64(stats, PSU__STAT_BYTES_READ);
  d->write_bytes = dict_u64(stats, PSU__STAT_BYTES_WRITTEN);
  /* ns → ms */
  d->read_time = dict_u64(stats, PSU__STAT_READ_TIME) / 1000000u;
  d->write_time = dict_u64(stats, PSU__STAT_WRITE_TIME) / 1000000u;
  rc = 1;

done:
  if (dprops)
    CFRelease(dprops);
  if (pprops)
    CFRelease(pprops);
  IOObjectRelease(parent);
  return rc;
}


int
psu_disk_io_counters(int perdisk, psu_disk_io_t **out, size_t *n,
                     psu_err_t *err) {
  io_iterator_t it = IO_OBJECT_NULL;
  io_registry_entry_t disk;
  psu_disk_io_t *res = NULL, *tmp;
  size_t cnt = 0, cap = 0;
  kern_return_t kr;
  int rc = 0;

  /* macOS only reports whole disks: perdisk changes nothing. */
  (void)perdisk;
  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_disk_io_counters: NULL");
  *out = NULL;
  *n = 0;
  kr = IOServiceGetMatchingServices(
      kIOMainPortDefault, IOServiceMatching(PSU__IOMEDIA_CLASS), &it);
  if (kr != KERN_SUCCESS)
    return psu__set_err(err, PSU_ESYS, kr, "IOServiceGetMatchingServices");
  while ((disk = IOIteratorNext(it)) != IO_OBJECT_NULL) {
    if (cnt == cap) {
      cap = cap ? cap * 2 : 8;
      tmp = psu__realloc(res, cap * sizeof(*res));
      if (tmp == NULL) {
        IOObjectRelease(disk);
        rc = psu__set_err(err, PSU_ENOMEM, 0, "realloc");
        goto error;
      }
      res = tmp;
    }
    memset(&res[cnt], 0, sizeof(res[cnt]));
    rc = disk_stats(disk, &res[cnt], err);
    IOObjectRelease(disk);
    if (rc < 0)
      goto error;
    if (rc == 1)
      cnt++;
    rc = 0;
  }
  IOObjectRelease(it);
  *out = res;
  *n = cnt;
  return 0;

error:
  IOObjectRelease(it);
  psu__free(res);
  return rc;
}


int
psu_sensors_battery(psu_battery_t *out, int *present, psu_err_t *err) {
  CFTypeRef info = NULL;
  CFArrayRef list = NULL;
  CFDictionaryRef desc;
  CFNumberRef num;
  CFStringRef state;
  int32_t capacity = 0;
  int minutes = -1;
  int rc = 0;

  if (out == NULL || present == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_sensors_battery: NULL");
  memset(out, 0, sizeof(*out));
  *present = 0;
  info = IOPSCopyPowerSourcesInfo();
  if (info == NULL)
    return psu__set_err(err, PSU_ESYS, 0, "IOPSCopyPowerSourcesInfo");
  list = IOPSCopyPowerSourcesList(info);
  if (list == NULL) {
    rc = psu__set_err(err, PSU_ESYS, 0, "IOPSCopyPowerSourcesList");
    goto done;
  }
  if (CFArrayGetCount(list) == 0)
    goto done; /* no battery: psutil returns None */
  desc = IOPSGetPowerSourceDescription(info,
                                       CFArrayGetValueAtIndex(list, 0));
  if (desc == NULL) {
    rc = psu__set_err(err, PSU_ESYS, 0, "IOPSGetPowerSourceDescription");
    goto done;
  }
  num = (CFNumberRef)CFDictionaryGetValue(desc,
                                          CFSTR(kIOPSCurrentCapacityKey));
  if (num == NULL || !CFNumberGetValue(num, kCFNumberSInt32Type, &capacity)) {
    rc = psu__set_err(err, PSU_EPARSE, 0, "power source: no %s",
                      kIOPSCurrentCapacityKey);
    goto done;
  }
  state = (CFStringRef)CFDictionaryGetValue(desc,
                                            CFSTR(kIOPSPowerSourceStateKey));
  if (state == NULL) {
    rc = psu__set_err(err, PSU_EPARSE, 0, "power source: no %s",
                      kIOPSPowerSourceStateKey);
    goto done;
  }
  out->power_plugged =
      CFStringCompare(state, CFSTR(kIOPSACPowerValue), 0) == kCFCompareEqualTo;
  num = (CFNumberRef)CFDictionaryGetValue(desc, CFSTR(kIOPSTimeToEmptyKey));
  if (num == NULL || !CFNumberGetValue(num, kCFNumberIntType, &minutes))
    minutes = -1; /* still computing, or not an Apple battery */
  out->percent = (double)capacity;
  if (out->power_plugged)
    out->secsleft = PSU_POWER_TIME_UNLIMITED;
  else if (minutes < 0)
    out->secsleft = PSU_POWER_TIME_UNKNOWN;
  else
    out->secsleft = (int64_t)minutes * 60;
  *present = 1;

done:
  if (list)
    CFRelease(list);
  CFRelease(info);
  return rc;
}


#if defined(__aarch64__) || defined(__arm64__)
/* Apple Silicon: the power manager ("pmgr" under AppleARMIODevice)
 * publishes DVFS tables "voltage-states<N>-sram": 8-byte entries, a
 * little-endian frequency (Hz up to M3, kHz from M4) then a voltage.
 * psutil keeps the tables whose top frequency is >= 2 GHz (CPU clusters,
 * not GPU/NPU) and reports current = max. */
#define PSU__FREQ_UNIT_HZ 100000000u /* raw values above this are Hz */
#define PSU__FREQ_MIN_MHZ 500u
#define PSU__FREQ_MAX_MHZ 20000u
#define PSU__CPU_TABLE_MIN_MHZ 2000u

static int
is_cpu_table_key(CFStringRef key) {
  static const char pre[] = "voltage-states", suf[] = "-sram";
  char name[64];
  size_t len, i;

  if (CFGetTypeID(key) != CFStringGetTypeID() ||
      !CFStringGetCString(key, name, sizeof(name), kCFStringEncodingUTF8))
    return 0;
  len = strlen(name);
  if (len < sizeof(pre) - 1 + 1 + sizeof(suf) - 1 ||
      strncmp(name, pre, sizeof(pre) - 1) != 0 ||
      strcmp(name + len - (sizeof(suf) - 1), suf) != 0)
    return 0;
  for (i = sizeof(pre) - 1; i < len - (sizeof(suf) - 1); i++)
    if (name[i] < '0' || name[i] > '9')
      return 0;
  return 1;
}


static io_registry_entry_t
find_pmgr(void) {
  io_iterator_t it = IO_OBJECT_NULL;
  io_registry_entry_t e, found = IO_OBJECT_NULL;
  io_name_t name;

  if (IOServiceGetMatchingServices(kIOMainPortDefault,
                                   IOServiceMatching("AppleARMIODevice"),
                                   &it) != KERN_SUCCESS)
    return IO_OBJECT_NULL;
  while ((e = IOIteratorNext(it)) != IO_OBJECT_NULL) {
    if (IORegistryEntryGetName(e, name) == KERN_SUCCESS &&
        strcmp(name, "pmgr") == 0) {
      found = e;
      break;
    }
    IOObjectRelease(e);
  }
  IOObjectRelease(it);
  return found;
}


int
psu_cpu_freq(psu_cpu_freq_t **out, size_t *n, psu_err_t *err) {
  io_registry_entry_t pmgr;
  CFMutableDictionaryRef props = NULL;
  const void **keys = NULL, **vals = NULL;
  CFIndex cnt, i, off;
  uint32_t lo = UINT32_MAX, hi = 0;
  psu_cpu_freq_t *res;
  int rc = 0;

  if (out == NULL || n == NULL)
    return psu__set_err(err, PSU_EINVAL, 0, "psu_cpu_freq: NULL out");
  *out = NULL;
  *n = 0;
  pmgr = find_pmgr();
  if (pmgr == IO_OBJECT_NULL)
    return 0; /* e.g. a VM: unknown */
  if (IORegistryEntryCreateCFProperties(pmgr, &props, kCFAllocatorDefault,
                                        kNilOptions) != KERN_SUCCESS ||
      props == NULL)
    goto done;
  cnt = CFDictionaryGetCount(props);
  if (cnt <= 0)
    goto done;
  keys = psu__calloc((size_t)cnt, sizeof(*keys));
  vals = psu__calloc((size_t)cnt, sizeof(*vals));
  if (keys == NULL || vals == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "calloc");
    goto done;
  }
  CFDictionaryGetKeysAndValues(props, keys, vals);
  for (i = 0; i < cnt; i++) {
    uint32_t tlo = UINT32_MAX, thi = 0, raw, mhz;
    const UInt8 *bytes;
    CFIndex blen;

    if (!is_cpu_table_key((CFStringRef)keys[i]) ||
        CFGetTypeID((CFTypeRef)vals[i]) != CFDataGetTypeID())
      continue;
    blen = CFDataGetLength((CFDataRef)vals[i]);
    bytes = CFDataGetBytePtr((CFDataRef)vals[i]);
    for (off = 0; off + 4 <= blen; off += 8) {
      memcpy(&raw, bytes + off, sizeof(raw));
      mhz = raw > PSU__FREQ_UNIT_HZ ? raw / 1000000u : raw / 1000u;
      if (mhz < PSU__FREQ_MIN_MHZ || mhz > PSU__FREQ_MAX_MHZ)
        continue;
      if (mhz < tlo)
        tlo = mhz;
      if (mhz > thi)
        thi = mhz;
    }
    if (thi < PSU__CPU_TABLE_MIN_MHZ)
      continue;
    if (tlo < lo)
      lo = tlo;
    if (thi > hi)
      hi = thi;
  }
  if (hi == 0)
    goto done;
  res = psu__calloc(1, sizeof(*res));
  if (res == NULL) {
    rc = psu__set_err(err, PSU_ENOMEM, 0, "calloc");
    goto done;
  }
  res->current = hi; /* no live value on Apple Silicon */
  res->min = lo;
  res->max = hi;
  *out = res;
  *n = 1;

done:
  psu__free(keys);
  psu__free(vals);
  if (props)
    CFRelease(props);
  IOObjectRelease(pmgr);
  return rc;
}
#endif /* arm64 */

#endif /* PSU_NO_IOKIT */
