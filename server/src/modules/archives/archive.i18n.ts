// The archive module's server messages (errors and notifications), spread into the catalogues in
// server/src/i18n. zh-CN is the reference; en has the same keys.

export const archiveZhCN = {
  'archive.destroyed': '该档案已销毁，只保留登记记录。',
  'archive.retention_not_passed': '保管期限至 {retainUntil}，期满后才能申请销毁。',
  'archive.own_request': '不能审批自己提出的申请。',
  'archive.already_approved': '您已经批准过这项销毁申请，需要另一位档案管理人员作第二次批准。',
  'archive.destruction_pending': '这份档案已有一项待审批的销毁申请。',
  'archive.no_destruction': '没有待审批的销毁申请。',
  'archive.borrowing_not_pending': '这项借阅申请已处理，不能再审批。',
  'archive.borrowing_not_out': '这份档案没有借出，或已归还。',
  'archive.borrowing_open': '您已有一项未结束的借阅申请。',
  'archive.borrow_case_only': '只能借阅个案档案。',
  'archive.transfer_pending': '这份档案正在移交，请等待接收机构答复。',
  'archive.no_transfer': '这份档案没有待处理的移交。',
  'archive.borrowed_out': '档案借出未还，归还后才能移交或销毁。',
  'archive.recipient_elsewhere':
    '服务对象 {code} 在本机构还有其他个案或需求，不能随档案移交；请先结清或由接收机构另行建档。',
  'archive.recipient_at_receiver': '接收机构已登记了同一位服务对象，不能移交；请两家机构协商后处理。',
  'field.archive_due_past': '归还日期不能早于今天。',
  'field.archive_due_too_far': '归还日期最多为 {max} 天后。',
  'field.archive_agency': '请选择另一家已认证的社会工作服务机构。',
  'notification.archive.borrow_requested': '有人申请借阅档案 {code}，请审批。',
  'notification.archive.borrow_approved': '您借阅档案 {code} 的申请已批准，请于 {dueOn} 前归还。',
  'notification.archive.borrow_rejected': '您借阅档案 {code} 的申请未获批准。',
  'notification.archive.borrow_overdue': '您借阅的档案 {code} 已超过归还日期 {dueOn}，请尽快归还。',
  'notification.archive.destruction_requested': '档案 {code} 的销毁申请等待您审批。',
  'notification.archive.destruction_approved': '档案 {code} 已经两人批准销毁，内容已清除。',
  'notification.archive.destruction_rejected': '档案 {code} 的销毁申请被驳回。',
  'notification.archive.due': '档案 {code} 的保管期限已于 {retainUntil} 届满，可以申请销毁。',
  'notification.archive.transfer_requested': '{org} 希望将档案 {code} 移交给本机构，请确认是否接收。',
  'notification.archive.transfer_accepted': '档案 {code} 的移交已被接收。',
  'notification.archive.transfer_declined': '档案 {code} 的移交被拒绝，档案仍由本机构保管。',
} as const

export const archiveEn: Record<keyof typeof archiveZhCN, string> = {
  'archive.destroyed': 'This file was destroyed; only its register entry remains.',
  'archive.retention_not_passed':
    'This file is kept until {retainUntil}; destruction can be requested only after that.',
  'archive.own_request': 'You cannot approve your own request.',
  'archive.already_approved':
    'You already approved this destruction; another archive keeper must give the second approval.',
  'archive.destruction_pending': 'A destruction request for this file is already waiting for approval.',
  'archive.no_destruction': 'There is no destruction request waiting for approval.',
  'archive.borrowing_not_pending': 'This borrowing request has already been decided.',
  'archive.borrowing_not_out': 'This file is not out on loan, or was already returned.',
  'archive.borrowing_open': 'You already have an open borrowing request for this file.',
  'archive.borrow_case_only': 'Only case files can be borrowed.',
  'archive.transfer_pending': 'This file is being transferred; wait for the receiving agency’s answer.',
  'archive.no_transfer': 'There is no pending transfer for this file.',
  'archive.borrowed_out': 'This file is out on loan; it can be transferred or destroyed once returned.',
  'archive.recipient_elsewhere':
    'Recipient {code} has other cases or needs at this agency, so they cannot move with the file; settle those first or let the receiving agency register them anew.',
  'archive.recipient_at_receiver':
    'The receiving agency has already registered the same recipient; the agencies must agree how to proceed.',
  'field.archive_due_past': 'The return date cannot be before today.',
  'field.archive_due_too_far': 'The return date can be at most {max} days ahead.',
  'field.archive_agency': 'Choose another verified social-work agency.',
  'notification.archive.borrow_requested': 'Someone asks to borrow file {code}; please decide.',
  'notification.archive.borrow_approved':
    'Your request to borrow file {code} was approved; return it by {dueOn}.',
  'notification.archive.borrow_rejected': 'Your request to borrow file {code} was not approved.',
  'notification.archive.borrow_overdue':
    'File {code} you borrowed was due back on {dueOn}; please return it.',
  'notification.archive.destruction_requested': 'The destruction of file {code} waits for your approval.',
  'notification.archive.destruction_approved':
    'File {code} was destroyed after two approvals; its contents are purged.',
  'notification.archive.destruction_rejected': 'The request to destroy file {code} was rejected.',
  'notification.archive.due': 'The retention of file {code} ended on {retainUntil}; it may now be destroyed.',
  'notification.archive.transfer_requested':
    '{org} asks to transfer file {code} to your agency; please accept or decline.',
  'notification.archive.transfer_accepted': 'The transfer of file {code} was accepted.',
  'notification.archive.transfer_declined':
    'The transfer of file {code} was declined; the file stays with your agency.',
}
