// What parsing the current event found out, beyond ev.thread/ev.fd: libsinsp keeps
// these in sinsp_evt (m_errorcode, m_filtered_out, m_fdinfo_name_changed). One object,
// reused for every event (State.evt), so that nothing is allocated per event.

export class EventState {
  /** errno of a failed syscall exit (positive), 0 otherwise; only set when the exit paired with its enter */
  errorCode = 0;
  /** the capture filter dropped the event (or the event is state-only / a failed container lookup) */
  filteredOut = false;
  /** the fd's name changed while parsing this event (fd.name_changed) */
  fdNameChanged = false;

  reset(): void {
    this.errorCode = 0;
    this.filteredOut = false;
    this.fdNameChanged = false;
  }
}
