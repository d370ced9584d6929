import {
  DOCUMENT_REFUSAL_MESSAGES,
  DOCUMENT_REFUSALS,
  type DocumentRefusal,
  type Localized,
  type QuorumFigures,
} from '@hopxa/domain';

/** Why an uploaded file is not taken as a paper (the domain words each), as error codes. */
export type DocumentErrorCode = `document_${DocumentRefusal}`;

export const documentErrorCode = (refusal: DocumentRefusal): DocumentErrorCode =>
  `document_${refusal}`;

const DOCUMENT_ERRORS = Object.fromEntries(
  DOCUMENT_REFUSALS.map((refusal) => [
    documentErrorCode(refusal),
    DOCUMENT_REFUSAL_MESSAGES[refusal],
  ]),
) as Readonly<Record<DocumentErrorCode, Localized>>;

/** Every error the API answers with, in the interface's two languages. */
export const ERROR_MESSAGES = {
  not_found: {
    vi: 'Không tìm thấy địa chỉ này. Kiểm tra lại đường dẫn.',
    en: 'Nothing is at this address. Check the link.',
  },
  bad_request: {
    vi: 'Dữ liệu gửi lên không đọc được (không đúng định dạng JSON). Kiểm tra lại rồi gửi lại.',
    en: 'The request body could not be read (not valid JSON). Check it and send again.',
  },
  too_large: {
    vi: 'Dữ liệu gửi lên quá lớn. Hãy chia nhỏ rồi gửi lại.',
    en: 'The request body is too large. Split it and send again.',
  },
  invalid_input: {
    vi: 'Thông tin chưa hợp lệ: sửa các ô được đánh dấu rồi gửi lại.',
    en: 'Some details are not valid: correct the marked fields and send again.',
  },
  unauthenticated: {
    vi: 'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.',
    en: 'You are not signed in, or your session has expired. Sign in again.',
  },
  forbidden: {
    vi: 'Tài khoản của bạn không có quyền làm việc này. Nếu cần, hãy liên hệ văn phòng.',
    en: 'Your account is not allowed to do this. If you need to, contact the secretariat.',
  },
  bad_origin: {
    vi: 'Yêu cầu bị từ chối vì không gửi từ trang của hệ thống. Hãy tải lại trang rồi thử lại.',
    en: "The request was refused because it did not come from this system's pages. Reload and try again.",
  },
  invalid_credentials: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is wrong.',
  },
  rate_limited: {
    vi: 'Có quá nhiều lần thử sai. Hãy đợi 15 phút rồi thử lại, hoặc liên hệ văn phòng.',
    en: 'Too many wrong attempts. Wait 15 minutes and try again, or contact the secretariat.',
  },
  pairing_code_invalid: {
    vi: 'Mã ghép không đúng, đã dùng, đã bị thu hồi hoặc đã hết hạn. Xin văn phòng cấp mã mới.',
    en: 'The pairing code is wrong, used, revoked or expired. Ask the secretariat for a new one.',
  },
  not_a_member: {
    vi: 'Người được chọn không phải thành viên hiện tại của cơ quan này: chọn người trong danh sách thành viên.',
    en: 'The person chosen is not a current member of this body: choose someone from the member list.',
  },
  person_has_staff_account: {
    vi: 'Người này có tài khoản văn phòng hoặc quản trị: không ghép máy tính bảng cho tài khoản đó. Hãy đăng nhập bằng mật khẩu.',
    en: 'This person has a staff account: tablets are not paired with it. Sign in with the password instead.',
  },
  too_many_rows: {
    vi: 'Tệp có quá nhiều dòng (tối đa 500). Hãy chia thành nhiều tệp.',
    en: 'The file has too many rows (500 at most). Split it into several files.',
  },
  over_statutory_size: {
    vi: 'Số thành viên có quyền biểu quyết đương nhiệm sẽ vượt số lượng theo luật định của cơ quan: chưa ghi gì. Kiểm tra lại danh sách, ngày bắt đầu, ngày kết thúc nhiệm kỳ, hoặc số lượng theo luật định.',
    en: "More members with a vote would be in office than the body's statutory size: nothing was written. Check the list, the terms' start and end dates, or the statutory size.",
  },
  csv_has_problems: {
    vi: 'Tệp danh sách còn dòng có lỗi: chưa ghi gì. Sửa hoặc bỏ các dòng đó rồi nhập lại.',
    en: 'The list still has rows with problems: nothing was written. Fix or drop those rows and import again.',
  },
  agenda_order_invalid: {
    vi: 'Thứ tự chương trình không hợp lệ: phải gồm đúng các mục hiện có, lồng nhiều nhất một cấp.',
    en: 'The agenda order is not valid: it must hold exactly the current items, nested one level at most.',
  },
  agenda_item_has_children: {
    vi: 'Mục này còn mục con: chuyển hoặc xóa các mục con trước.',
    en: 'This item has sub-items: move or delete them first.',
  },
  username_taken: {
    vi: 'Tên đăng nhập này đã có người dùng: chọn tên khác.',
    en: 'This username is already taken: choose another.',
  },
  body_kind_exists: {
    vi: 'Xã, phường này đã có cơ quan loại này.',
    en: 'This commune already has a body of this kind.',
  },
  first_meeting_exists: {
    vi: 'Cơ quan này đã có cuộc họp đầu nhiệm kỳ: chọn kỳ họp thường lệ, chuyên đề hoặc bất thường.',
    en: 'This body already has its first meeting of the term: choose a regular, thematic or extraordinary one.',
  },
  not_convened: {
    vi: 'Cuộc họp chưa được triệu tập: văn phòng triệu tập trước, rồi mới điểm danh và khai mạc.',
    en: 'The meeting has not been convened: the secretariat convenes it first, then the roll call and the opening follow.',
  },
  already_convened: {
    vi: 'Cuộc họp đã được triệu tập rồi.',
    en: 'The meeting is already convened.',
  },
  notice_changed: {
    vi: 'Giấy triệu tập vừa được thay đổi: tải lại để xem bản mới.',
    en: 'The notice has just changed: reload to see the new version.',
  },
  notice_unchanged: {
    vi: 'Giấy triệu tập không có gì thay đổi: không gửi lại.',
    en: 'Nothing in the notice changed: it is not sent again.',
  },
  meeting_closed: {
    vi: 'Cuộc họp đã bế mạc: giấy triệu tập không thay đổi nữa.',
    en: 'The meeting is closed: its notice no longer changes.',
  },
  meeting_convened: {
    vi: 'Cuộc họp đã được triệu tập: chương trình đã cố định và không sửa ở trang chuẩn bị nữa. Khi đang họp, chủ tọa thay đổi chương trình trên bàn điều khiển để mọi người cùng thấy.',
    en: 'The meeting has been convened: its agenda is fixed and no longer edited in setup. During the sitting the presiding officer changes the agenda from the console, so that everyone sees it.',
  },
  meeting_opened: {
    vi: 'Cuộc họp đã khai mạc: tên, địa điểm và thời gian của cuộc họp không sửa nữa.',
    en: 'The sitting has opened: the meeting title, place and time no longer change.',
  },
  sitting_not_open: {
    vi: 'Cuộc họp chưa khai mạc hoặc đã bế mạc: chờ chủ tọa khai mạc.',
    en: 'The sitting is not open: wait for the presiding officer to open it.',
  },
  sitting_already_opened: {
    vi: 'Cuộc họp đã khai mạc rồi.',
    en: 'The sitting is already open.',
  },
  check_in_already_requested: {
    vi: 'Thư ký đã ghi bạn vắng mặt: yêu cầu điểm danh của bạn đã gửi, xin chờ thư ký xác nhận.',
    en: 'The secretary recorded you absent: your check-in has been sent, wait for the secretary to confirm it.',
  },
  connection_point_required: {
    vi: 'Hãy ghi tên điểm cầu khi có mặt trực tuyến.',
    en: 'Name the connection point when present online.',
  },
  unknown_connection_point: {
    vi: 'Không có điểm cầu này trong cuộc họp, hoặc điểm cầu đã bị thu hồi.',
    en: 'There is no such connection point in this meeting, or it was revoked.',
  },
  unknown_item: {
    vi: 'Không có mục này trong chương trình.',
    en: 'There is no such agenda item.',
  },
  item_already_closed: {
    vi: 'Mục này đã kết thúc: chọn một mục khác trong chương trình.',
    en: 'This item is already closed: choose another item of the agenda.',
  },
  quorum_not_reached: {
    vi: 'Chưa đủ số đại biểu có mặt theo quy định: điểm danh thêm rồi tiến hành.',
    en: 'Quorum is not reached yet: record more members present, then proceed.',
  },
  already_requested: {
    vi: 'Bạn đã đăng ký phát biểu rồi, hãy chờ đến lượt.',
    en: 'You have already asked for the floor; wait for your turn.',
  },
  unknown_request: {
    vi: 'Không còn lượt đăng ký phát biểu này.',
    en: 'That request to speak is no longer waiting.',
  },
  someone_is_speaking: {
    vi: 'Đang có người phát biểu: kết thúc lượt đó trước.',
    en: 'Someone is speaking: end that turn first.',
  },
  nobody_is_speaking: {
    vi: 'Hiện không có ai phát biểu.',
    en: 'Nobody is speaking.',
  },
  no_current_item: {
    vi: 'Chưa có nội dung nào đang được tiến hành: chọn mục chương trình trước khi biểu quyết.',
    en: 'No agenda item is current: take one up before opening a vote.',
  },
  poll_already_open: {
    vi: 'Đang có một cuộc biểu quyết chưa kết thúc: kết thúc hoặc hủy nó trước.',
    en: 'A vote is still open: close or annul it first.',
  },
  poll_not_open: {
    vi: 'Cuộc biểu quyết này đã kết thúc hoặc đã bị hủy.',
    en: 'This vote has closed or was annulled.',
  },
  poll_still_open: {
    vi: 'Cuộc biểu quyết chưa kết thúc: kiểm tra phiếu sau khi chủ tọa kết thúc biểu quyết.',
    en: 'The vote is still open: check your ballot after the presiding officer closes it.',
  },
  poll_changed: {
    vi: 'Cuộc biểu quyết vừa thay đổi trong lúc bạn bấm. Xin bấm lại.',
    en: 'The vote changed while you pressed. Please press again.',
  },
  unknown_poll: {
    vi: 'Không tìm thấy cuộc biểu quyết này trong cuộc họp. Tải lại trang rồi thử lại.',
    en: 'This vote is not part of the sitting. Reload and try again.',
  },
  poll_invalid: {
    vi: 'Thông tin cuộc biểu quyết chưa đúng: bầu cử cần danh sách ứng cử viên không trùng và số người được bầu từ 1 đến số ứng cử viên.',
    en: 'The vote is not set up right: an election needs distinct candidates and from 1 up to as many people to elect as there are candidates.',
  },
  tellers_required: {
    vi: 'Bỏ phiếu kín cần Ban kiểm phiếu: chỉ định Ban kiểm phiếu trước.',
    en: 'A secret ballot needs the tellers: appoint them first.',
  },
  not_a_teller: {
    vi: 'Chỉ thành viên Ban kiểm phiếu mới ký biên bản kiểm phiếu.',
    en: "Only the tellers sign the tellers' report.",
  },
  already_signed: {
    vi: 'Bạn đã ký biên bản kiểm phiếu này.',
    en: 'You have already signed this report.',
  },
  not_entitled: {
    vi: 'Bạn không có quyền biểu quyết trong cuộc họp này.',
    en: 'You have no vote in this sitting.',
  },
  not_checked_in: {
    vi: 'Bạn chưa điểm danh có mặt: điểm danh rồi biểu quyết.',
    en: 'You are not checked in as present: check in, then vote.',
  },
  already_voted: {
    vi: 'Bạn đã biểu quyết trong lần này; phiếu đã ghi nhận không thay đổi được.',
    en: 'You have already voted on this; a recorded vote cannot be changed.',
  },
  ballot_invalid: {
    vi: 'Phiếu không hợp lệ cho cuộc biểu quyết này. Tải lại trang rồi chọn lại.',
    en: 'The ballot does not fit this vote. Reload and choose again.',
  },
  too_many_choices: {
    vi: 'Bạn chọn nhiều hơn số người được bầu: bỏ bớt rồi gửi lại.',
    en: 'You chose more candidates than there are places to fill: remove some and send again.',
  },
  result_not_ready: {
    vi: 'Cuộc biểu quyết chưa kết thúc: biên bản kết quả có sau khi chủ tọa kết thúc biểu quyết.',
    en: 'The vote is still open: its record is ready once the presiding officer closes it.',
  },
  minutes_stale: {
    vi: 'Biên bản vừa có thay đổi từ người khác: máy đang cập nhật rồi gửi lại phần bạn viết.',
    en: 'Someone else has just changed the minutes: this device is catching up and will send your part again.',
  },
  minutes_invalid: {
    vi: 'Thay đổi này không áp dụng được vào biên bản. Hãy tải lại trang; phần đã lưu không mất.',
    en: 'This change does not fit the minutes. Reload the page; what was saved is not lost.',
  },
  minutes_locked: {
    vi: 'Biên bản đã trình chủ tọa duyệt nên không sửa được nữa. Nếu chủ tọa trả lại, bạn sửa tiếp; nếu đã duyệt, hãy viết phần bổ sung.',
    en: 'The minutes have been submitted for approval and can no longer be changed. If the presiding officer returns them you can edit again; once approved, write an addendum.',
  },
  video_unavailable: {
    vi: 'Hệ thống truyền hình đang khởi động lại hoặc chưa bật: máy sẽ tự kết nối lại sau vài giây.',
    en: 'The video service is restarting or not running: this device reconnects by itself in a few seconds.',
  },
  video_credential_refused: {
    vi: 'Mã phát hình của điểm cầu không đúng hoặc đã bị thu hồi: xin mã mới ở văn phòng.',
    en: "The connection point's publish code is wrong or was revoked: ask the secretariat for a new one.",
  },
  video_offer_refused: {
    vi: 'Máy này không gửi được tín hiệu hình ảnh, âm thanh mà hệ thống nhận được. Hãy tải lại trang hoặc dùng trình duyệt Chrome, Edge, Firefox mới.',
    en: 'This device could not offer video and sound the system accepts. Reload the page or use a recent Chrome, Edge or Firefox.',
  },
  not_a_follower_here: {
    vi: 'Tài khoản theo dõi này không theo dõi được cuộc họp của xã (phường) này.',
    en: 'This follower account cannot follow the meetings of this commune.',
  },
  follower_already_bound: {
    vi: 'Tài khoản theo dõi này đã gắn với một điểm cầu khác của cuộc họp.',
    en: 'This follower account is already bound to another connection point of this meeting.',
  },
  minutes_altered: {
    vi: 'CẢNH BÁO: nội dung biên bản trong cơ sở dữ liệu không còn khớp mã SHA-256 đã ghi khi trình duyệt: biên bản đã bị sửa ngoài hệ thống, nên không in. Đối chiếu với bản giấy và báo ngay bộ phận kỹ thuật.',
    en: 'WARNING: the minutes in the database no longer match the SHA-256 recorded when they were submitted: they were changed outside the system, so they are not printed. Compare them with the paper copy and tell the technical staff at once.',
  },
  sitting_still_open: {
    vi: 'Kỳ họp chưa bế mạc: biên bản được trình duyệt sau khi bế mạc.',
    en: 'The sitting has not closed yet: the minutes are submitted for approval after the closing.',
  },
  minutes_already_submitted: {
    vi: 'Biên bản (hoặc phần bổ sung) đã được trình và đang chờ chủ tọa duyệt.',
    en: 'The minutes (or an addendum) have already been submitted and are waiting for the presiding officer.',
  },
  minutes_not_submitted: {
    vi: 'Không có biên bản hay phần bổ sung nào đang chờ duyệt.',
    en: 'No minutes or addendum are waiting for approval.',
  },
  minutes_not_approved: {
    vi: 'Biên bản chưa được duyệt: còn sửa trực tiếp được, chưa cần phần bổ sung.',
    en: 'The minutes are not approved yet: edit them directly; an addendum is not needed.',
  },
  minutes_changed: {
    vi: 'Biên bản đã thay đổi so với bản trên màn hình của bạn: đọc lại bản mới nhất rồi làm lại.',
    en: 'The minutes have changed since your screen showed them: read the latest version and try again.',
  },
  too_many_refusals: {
    vi: 'Máy này gửi quá nhiều thao tác bị từ chối: đợi mười giây rồi thử lại.',
    en: 'This device sent too many refused actions: wait ten seconds and try again.',
  },
  log_broken: {
    vi: 'CẢNH BÁO: sổ ghi sự kiện của cuộc họp này đã bị sửa ngoài hệ thống, nên hệ thống ngừng phục vụ cuộc họp. Đối chiếu với bản giấy và báo ngay bộ phận kỹ thuật.',
    en: "WARNING: this meeting's event log was changed outside the system, so the system has stopped serving the meeting. Compare it with the paper record and tell the technical staff at once.",
  },
  cast_id_reused: {
    vi: 'Máy của bạn đã gửi một phiếu khác với cùng mã lần gửi này: phiếu đã ghi nhận được giữ nguyên, phiếu này không được nhận.',
    en: 'Your device already sent another ballot under this sending id: the recorded ballot stands and this one was not taken.',
  },
  receipt_not_yours: {
    vi: 'Mã biên nhận này không phải mã đã cấp cho tài khoản của bạn trong lần biểu quyết này: chỉ người đã bỏ phiếu mới kiểm tra được phiếu của mình.',
    en: 'This receipt code was not given to your account for this vote: only the voter can check their own ballot.',
  },
  command_id_reused: {
    vi: 'Mã thao tác này đã được dùng cho một thao tác khác: thao tác này không được thực hiện. Hãy tải lại trang rồi làm lại.',
    en: 'This action id was already used for another action: this one was not carried out. Reload the page and do it again.',
  },
  no_members_in_office: {
    vi: 'Cơ quan chưa có thành viên đương nhiệm nào có quyền biểu quyết: chưa thể khai mạc. Văn phòng cần cập nhật danh sách thành viên.',
    en: 'The body has no member in office with a vote: the sitting cannot open. The secretariat must update the member list.',
  },
  poll_kind_not_allowed: {
    vi: 'Cơ quan này không biểu quyết theo hình thức đó (biểu quyết hiệp thương chỉ dành cho Ủy ban Mặt trận Tổ quốc): chọn hình thức khác.',
    en: 'This body does not vote that way (a consultation is held only by the Fatherland Front): choose another kind of vote.',
  },
  paper_count_invalid: {
    vi: 'Số phiếu giấy không khớp: số phiếu thu vào phải bằng tổng các ý kiến và phiếu không hợp lệ, mỗi ứng cử viên không quá số phiếu hợp lệ, và phiếu máy tính bảng cộng phiếu giấy không quá số phiếu phát ra. Kiểm tra lại biên bản kiểm phiếu.',
    en: "The paper ballot count does not add up: ballots returned must equal the answers plus the void ballots, no candidate may have more votes than valid ballots, and tablet and paper ballots together may not exceed the ballots issued. Check the tellers' report.",
  },
  not_a_secret_poll: {
    vi: 'Chỉ nhập số phiếu giấy cho cuộc bỏ phiếu kín; biểu quyết công khai thì ghi ý kiến từng người.',
    en: 'A paper ballot count is entered for a secret poll only; in an open vote, enter each member’s vote.',
  },
  not_an_open_vote: {
    vi: 'Chỉ ghi ý kiến từng người trong biểu quyết công khai; bỏ phiếu kín thì nhập số phiếu giấy.',
    en: 'Votes are entered member by member in an open vote only; for a secret poll, enter the paper ballot count.',
  },
  unknown_page: {
    vi: 'Tài liệu không có trang này.',
    en: 'The paper has no such page.',
  },
  too_many_notes: {
    vi: 'Bạn đã có quá nhiều ghi chú trên tài liệu này (tối đa 2000). Xóa bớt rồi ghi tiếp.',
    en: 'You have too many notes on this paper (2000 at most). Delete some, then write more.',
  },
  ...DOCUMENT_ERRORS,
  unavailable: {
    vi: 'Máy chủ đang bận hoặc mất kết nối cơ sở dữ liệu. Lệnh sẽ được gửi lại.',
    en: 'The server is busy or lost its database. The command will be sent again.',
  },
  internal: {
    vi: 'Máy chủ gặp lỗi khi xử lý yêu cầu. Hãy thử lại; nếu vẫn lỗi, báo cho bộ phận kỹ thuật.',
    en: 'The server failed to handle the request. Try again; if it persists, tell the technical staff.',
  },
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * The refusal for want of quorum with its figures, so the presiding officer knows how many
 * are missing: "có mặt 16 trên tổng số 25, cần ít nhất 17".
 */
export function quorumRefusal(
  { present, required, total }: QuorumFigures,
  language: keyof Localized,
): string {
  return language === 'vi'
    ? `Chưa đủ số thành viên có quyền biểu quyết có mặt theo quy định: có mặt ${present} trên tổng số ${total}, cần ít nhất ${required} (còn thiếu ${required - present}). Điểm danh thêm rồi tiến hành.`
    : `Quorum is not reached: ${present} of ${total} members with a vote are present, at least ${required} are needed (${required - present} more). Record more members present, then proceed.`;
}
